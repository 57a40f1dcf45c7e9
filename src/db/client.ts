import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { type SQL, sql } from "drizzle-orm";
import type { Logger } from "drizzle-orm/logger";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema.js";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle or the database itself: repositories accept either. */
export type Executor = Pick<Database, "select" | "insert" | "update" | "delete" | "execute" | "transaction">;

export type QueryListener = (query: string, params: unknown[]) => void;

export type DatabaseHandle = {
  db: Database;
  driver: "pglite" | "postgres";
  migrate(): Promise<void>;
  /** True when the database answers and every migration in drizzle/ is applied. */
  isReady(): Promise<boolean>;
  /** Observe every statement Drizzle sends (used by tests and telemetry). Returns an unsubscribe. */
  onQuery(listener: QueryListener): () => void;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  /** postgres:// URL; when absent, PGlite is used */
  databaseUrl?: string;
  /** PGlite data folder; "memory://" keeps it in memory */
  dataDir: string;
  /** max postgres.js pool size */
  poolSize?: number;
  /** PGlite: start from this data directory dump (PGlite's dumpDataDir) instead of an empty cluster */
  pgliteDump?: Blob;
};

/** The drizzle/ folder, found from this file so it works from src/ (tsx, vitest) and dist/. */
export function migrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "drizzle");
    if (existsSync(join(candidate, "meta", "_journal.json"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("drizzle/ migrations folder not found");
    dir = parent;
  }
}

function journalEntryCount(folder: string): number {
  const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/**
 * Runs a raw SQL statement and returns its rows. postgres.js returns an array and PGlite an
 * object with `rows`; this hides the difference so repositories stay driver-agnostic.
 */
export async function selectRows<T extends Record<string, unknown>>(executor: Pick<Database, "execute">, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const listeners = new Set<QueryListener>();
  const logger: Logger = {
    logQuery(query, params) {
      for (const listener of listeners) listener(query, params);
    },
  };
  const folder = migrationsFolder();

  let db: Database;
  let driver: DatabaseHandle["driver"];
  let runMigrations: () => Promise<void>;
  let close: () => Promise<void>;

  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
    });
    const pgDb = drizzlePostgres(client, { schema, logger });
    db = pgDb as unknown as Database;
    driver = "postgres";
    runMigrations = () => migratePostgres(pgDb, { migrationsFolder: folder });
    close = () => client.end({ timeout: 5 });
  } else {
    if (!options.dataDir.startsWith("memory://")) mkdirSync(resolve(options.dataDir), { recursive: true });
    const client = await PGlite.create(options.dataDir, { extensions: { pg_trgm }, ...(options.pgliteDump ? { loadDataDir: options.pgliteDump } : {}) });
    const liteDb = drizzlePglite(client, { schema, logger });
    db = liteDb as unknown as Database;
    driver = "pglite";
    runMigrations = () => migratePglite(liteDb, { migrationsFolder: folder });
    close = () => client.close();
  }

  return {
    db,
    driver,
    migrate: runMigrations,
    async isReady() {
      try {
        const [row] = await selectRows<{ count: number }>(
          db,
          sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
        );
        return (row?.count ?? 0) >= journalEntryCount(folder);
      } catch {
        return false;
      }
    },
    onQuery(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close,
  };
}
