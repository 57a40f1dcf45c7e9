import { readFileSync } from "node:fs";
import { generateDrizzleJson, generateMigration } from "drizzle-kit/api";
import { describe, expect, it } from "vitest";
import * as schema from "../src/db/schema.js";

const drizzleFolder = new URL("../drizzle/", import.meta.url);
const readJson = <T>(path: string) => JSON.parse(readFileSync(new URL(path, drizzleFolder), "utf8")) as T;

describe("drizzle/ migrations", () => {
  it("are up to date with src/db/schema.ts (drizzle-kit generate would produce nothing)", async () => {
    const journal = readJson<{ entries: { idx: number; tag: string }[] }>("meta/_journal.json");
    const last = journal.entries.at(-1)!;
    const snapshot = readJson<Parameters<typeof generateMigration>[0]>(`meta/${String(last.idx).padStart(4, "0")}_snapshot.json`);
    const current = generateDrizzleJson(schema as Record<string, unknown>, snapshot.id);
    const statements = await generateMigration(snapshot, current);
    expect(statements, "src/db/schema.ts and drizzle/ disagree: run npm run db:generate and commit the migration").toEqual([]);
  });

  it("has a snapshot and a SQL file for every journal entry", () => {
    const journal = readJson<{ entries: { idx: number; tag: string }[] }>("meta/_journal.json");
    for (const entry of journal.entries) {
      expect(() => readFileSync(new URL(`${entry.tag}.sql`, drizzleFolder)), entry.tag).not.toThrow();
      expect(() => readFileSync(new URL(`meta/${String(entry.idx).padStart(4, "0")}_snapshot.json`, drizzleFolder)), entry.tag).not.toThrow();
    }
  });
});
