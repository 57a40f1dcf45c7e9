import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { readFile } from "node:fs/promises";
import { inject } from "vitest";
import { type DatabaseHandle, openDatabase } from "../src/db/client.js";

/**
 * A fresh, migrated database owned by one test file: in-memory PGlite by default, or a newly
 * created database on the PostgreSQL server named by DATABASE_URL (dropped on close).
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { url: string | undefined }> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const handle = await openDatabase({ dataDir: "memory://", pgliteDump: await migratedPgliteDump() });
    await handle.migrate(); // nothing left to apply when the dump is current
    return { ...handle, url: undefined };
  }
  const name = `tonearm_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: "unused", poolSize: 10 });
  await handle.migrate();
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The migrated cluster test/globalSetup.ts dumped, read once per test file; undefined without one. */
let dump: Promise<Blob | undefined> | undefined;
function migratedPgliteDump(): Promise<Blob | undefined> {
  dump ??= (async () => {
    const path = inject("pgliteDumpPath");
    return path ? new Blob([await readFile(path)]) : undefined;
  })();
  return dump;
}
