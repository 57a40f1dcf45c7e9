/**
 * npm run bench:import -- [--rows N] [--backend postgres|pglite] [--database-url URL] [--seed N] [--cpu-prof]
 *
 * Imports a synthetic Spotify Extended history (1M rows on PostgreSQL, 100k on PGlite by
 * default) through the pipeline the API uses, into a fresh database, and in the same run
 * measures the ceiling: COPY of the same parsed rows into a bare listens table. Prints rows/s
 * for both, the ratio, peak RSS of each phase and the re-import time. Each phase runs in its
 * own process. Goals (2 cores, PostgreSQL): ≥ 100k rows/s, ≥ 0.5× COPY, peak RSS < 300 MB.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { CopyLimitInput, CopyLimitResult } from "./phases/copyLimit.phase.js";
import type { GenerateInput } from "./phases/generate.phase.js";
import type { PipelineImportInput, PipelineImportResult } from "./phases/pipelineImport.phase.js";
import { createFreshTarget, type BenchBackend } from "./support/benchDatabase.js";
import type { CpuSeconds } from "./support/cpuTime.js";
import type { PeakMemory } from "./support/peakMemory.js";
import { runPhase } from "./support/phaseProcess.js";

const here = dirname(fileURLToPath(import.meta.url));

const { values } = parseArgs({
  options: {
    rows: { type: "string" },
    backend: { type: "string", default: "postgres" },
    "database-url": { type: "string", default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
    seed: { type: "string", default: "42" },
    "cpu-prof": { type: "boolean", default: false },
    "skip-copy": { type: "boolean", default: false },
    /** keep the import's database (PostgreSQL) to inspect it; its name is printed */
    keep: { type: "boolean", default: false },
    /** run the phases from source through tsx (~60 MB more RSS) instead of compiled to bench/.cache/dist */
    tsx: { type: "boolean", default: false },
  },
});
const backend = values.backend as BenchBackend;
if (backend !== "postgres" && backend !== "pglite") throw new Error(`--backend must be postgres or pglite, got ${values.backend}`);
const rows = Number(values.rows ?? (backend === "postgres" ? 1_000_000 : 100_000));
const seed = Number(values.seed);
if (!Number.isInteger(rows) || rows <= 0) throw new Error(`--rows must be a positive integer, got ${values.rows}`);
const adminUrl = values["database-url"];

/**
 * The measured phases run compiled (tsc → bench/.cache/dist, plain node), like the built server
 * (`node dist/src/index.js`), so peak RSS is not inflated by the tsx loader; `--tsx` runs them
 * from source. The generator always runs through tsx (it is not measured).
 */
function compileBenchPhases(): void {
  const started = performance.now();
  execFileSync(process.execPath, [join(here, "..", "node_modules", "typescript", "bin", "tsc"), "-p", join(here, "tsconfig.bench.json")], { stdio: "inherit" });
  console.log(`compiled the phases to bench/.cache/dist in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const phase = (name: string, compiled = !values.tsx) =>
  compiled ? join(here, ".cache", "dist", "bench", "phases", `${name}.phase.js`) : join(here, "phases", `${name}.phase.ts`);

const mb = (bytes: number | null | undefined) => (bytes == null ? "?" : `${(bytes / 1048576).toFixed(0)} MB`);
const peakOf = (memory: PeakMemory) => Math.max(memory.sampledRssBytes, memory.vmHwmBytes ?? 0);
const rate = (perSecond: number) => `${Math.round(perSecond).toLocaleString("en-US")} rows/s`;
const cpuTotal = (cpu: CpuSeconds) => cpu.node + (cpu.postgres ?? 0);
/** CPU used, and rows per CPU-second: comparable across runs whatever else loads the machine */
const cpuLine = (rowCount: number, cpu: CpuSeconds) =>
  `CPU ${cpu.node.toFixed(1)} s node${cpu.postgres === null ? "" : ` + ${cpu.postgres.toFixed(1)} s postgres`} = ${rate(rowCount / cpuTotal(cpu)).replace("/s", " per CPU-s")}`;

async function historyFile(): Promise<string> {
  const cache = join(here, ".cache");
  mkdirSync(cache, { recursive: true });
  const filePath = join(cache, `spotify-extended-${rows}-seed${seed}.zip`);
  if (existsSync(filePath)) {
    console.log(`history: cached ${filePath} (${mb(statSync(filePath).size)} zipped)`);
    return filePath;
  }
  const written = await runPhase<{ rows: number; files: number; bytes: number; seconds: number }>(
    phase("generate", false),
    { filePath, rows, seed } satisfies GenerateInput,
    ["--max-old-space-size=256"],
  );
  console.log(`history: generated ${written.rows} rows in ${written.files} files (${mb(written.bytes)} of JSON) in ${written.seconds.toFixed(1)} s`);
  return filePath;
}

async function copyLimit(filePath: string): Promise<CopyLimitResult> {
  const target = await createFreshTarget(backend, adminUrl, "copy");
  try {
    return await runPhase<CopyLimitResult>(phase("copyLimit"), { target, filePath } satisfies CopyLimitInput);
  } finally {
    await target.drop();
  }
}

async function pipelineImports(filePath: string): Promise<[PipelineImportResult, PipelineImportResult]> {
  const target = await createFreshTarget(backend, adminUrl, "import");
  const cpuProf = values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${join(here, ".cache", "profiles")}`] : [];
  try {
    const first = await runPhase<PipelineImportResult>(phase("pipelineImport"), { target, filePath } satisfies PipelineImportInput, cpuProf);
    const again = await runPhase<PipelineImportResult>(phase("pipelineImport"), {
      target,
      filePath,
      userId: first.userId,
    } satisfies PipelineImportInput);
    return [first, again];
  } finally {
    if (values.keep) console.log(`kept ${target.databaseUrl ?? target.dataDir}`);
    else await target.drop();
  }
}

console.log(
  `import benchmark: ${rows.toLocaleString("en-US")} rows, ${backend}${backend === "postgres" ? ` (${adminUrl})` : ""}, ${values.tsx ? "from source (tsx)" : "compiled (plain node)"}`,
);
if (!values.tsx) compileBenchPhases();
const filePath = await historyFile();

let copy: CopyLimitResult | null = null;
if (!values["skip-copy"]) {
  copy = await copyLimit(filePath);
  console.log(
    `COPY limit: ${copy.plays} plays of ${copy.rows} rows in ${copy.copySeconds.toFixed(2)} s = ${rate(copy.rowsPerSecond)}; ` +
      `parse alone ${copy.parseSeconds.toFixed(2)} s = ${rate(copy.parseRowsPerSecond)} (${rate(copy.rows / copy.parseCpuSeconds).replace("/s", " per CPU-s")}); peak RSS ${mb(peakOf(copy.memory))}`,
  );
  console.log(`  ${cpuLine(copy.rows, copy.cpu)}`);
}

let ours: PipelineImportResult | null = null;
let reimport: PipelineImportResult | null = null;
try {
  [ours, reimport] = await pipelineImports(filePath);
} catch (error) {
  console.log(`pipeline import: not measured (${error instanceof Error ? error.message : String(error)})`);
}

if (ours && reimport) {
  const c = ours.counts;
  console.log(
    `pipeline import: ${c.processedRows} rows (inserted ${c.inserted}, duplicates ${c.duplicates}, skipped ${c.skipped}, failed ${c.failed}) ` +
      `in ${ours.seconds.toFixed(2)} s = ${rate(ours.rowsPerSecond)}; peak RSS ${mb(peakOf(ours.memory))} (sampled ${mb(ours.memory.sampledRssBytes)}, VmHWM ${mb(ours.memory.vmHwmBytes)}, ${mb(ours.memory.startRssBytes)} before the import)`,
  );
  console.log(`  ${cpuLine(ours.counts.processedRows, ours.cpu)}`);
  if (ours.phases) {
    const total = Object.values(ours.phases).reduce((sum, seconds) => sum + seconds, 0);
    const parts = Object.entries(ours.phases).map(([name, seconds]) => `${name} ${seconds.toFixed(2)} s (${((seconds / total) * 100).toFixed(0)}%)`);
    console.log(`  phases: ${parts.join(", ")}`);
  }
  if (ours.batches) {
    const b = ours.batches;
    console.log(`  batches: ${b.batches} committed, ${Math.round(b.meanRows)} rows on average, ${b.under100Rows} of them under 100 rows`);
  }
  const r = reimport.counts;
  console.log(
    `re-import (same file): inserted ${r.inserted}, duplicates ${r.duplicates}, in ${reimport.seconds.toFixed(2)} s = ${rate(reimport.rowsPerSecond)}; peak RSS ${mb(peakOf(reimport.memory))}`,
  );
  if (r.inserted !== 0) console.log(`  FAIL: re-importing the same file inserted ${r.inserted} rows`);
}

const ratio = ours && copy ? ours.rowsPerSecond / copy.rowsPerSecond : null;
if (ratio !== null && ours && copy) {
  const cpuRatio = copy.rows / cpuTotal(copy.cpu) > 0 ? ours.counts.processedRows / cpuTotal(ours.cpu) / (copy.rows / cpuTotal(copy.cpu)) : NaN;
  console.log(`ratio ours / COPY: ${ratio.toFixed(2)}× by wall time, ${cpuRatio.toFixed(2)}× by CPU time`);
}
console.log(`machine load while measuring: ${loadavg().map((load) => load.toFixed(1)).join(" ")} (1/5/15 min) on ${availableParallelism()} cores`);
if (backend === "postgres" && ours && copy) {
  const goals = [
    [`≥ 100,000 rows/s end to end`, ours.rowsPerSecond >= 100_000],
    [`≥ 0.5× COPY`, ratio! >= 0.5],
    [`peak RSS < 300 MB`, peakOf(ours.memory) < 300 * 1048576],
  ] as const;
  for (const [goal, met] of goals) console.log(`  goal ${goal}: ${met ? "met" : "MISSED"}`);
}
console.log(
  `RESULTS.md row: | ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC | ${backend} | ${rows.toLocaleString("en-US")} | ` +
    `${ours ? Math.round(ours.rowsPerSecond).toLocaleString("en-US") : "–"} | ${copy ? Math.round(copy.rowsPerSecond).toLocaleString("en-US") : "–"} | ` +
    `${ratio !== null ? `${ratio.toFixed(2)}×` : "–"} | ${ours ? mb(peakOf(ours.memory)) : "–"} | ${reimport ? `${reimport.seconds.toFixed(1)} s` : "–"} |`,
);
