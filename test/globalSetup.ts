import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import type { TestProject } from "vitest/node";
import { migrationsFolder } from "../src/db/client.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** a migrated, empty PGlite cluster dumped to a file; "" on PostgreSQL runs */
    pgliteDumpPath: string;
  }
}

/**
 * On PGlite runs, migrates one empty cluster and dumps it: every test database starts from the
 * dump (~0.45 s) instead of a fresh initdb and the migrations (~2–3 s on 2 cores), 60-odd times
 * a run. Each test database is still its own in-memory cluster.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) {
    project.provide("pgliteDumpPath", "");
    return async () => {};
  }
  const client = await PGlite.create("memory://", { extensions: { pg_trgm } });
  await migrate(drizzle(client), { migrationsFolder: migrationsFolder() });
  const dump = await client.dumpDataDir("none");
  await client.close();
  const path = join(tmpdir(), `tonearm-test-pglite-${process.pid}.tar`);
  await writeFile(path, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteDumpPath", path);
  return async () => {
    const { rm } = await import("node:fs/promises");
    await rm(path, { force: true });
  };
}
