import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";

/**
 * Where a benchmark writes: a fresh PostgreSQL database created through the admin URL (dropped
 * afterwards), or a fresh on-disk PGlite folder (the default deployment stores PGlite on disk).
 */
export type BenchBackend = "postgres" | "pglite";

export type BenchTarget = { backend: BenchBackend; databaseUrl?: string; dataDir: string };

export type FreshTarget = BenchTarget & { drop(): Promise<void> };

export async function createFreshTarget(backend: BenchBackend, adminUrl: string, label: string): Promise<FreshTarget> {
  if (backend === "pglite") {
    const dataDir = mkdtempSync(join(tmpdir(), `bench-${label}-`));
    return { backend, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `bench_${label}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    backend,
    databaseUrl: url.toString(),
    dataDir: "memory://",
    async drop() {
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}
