import { ImportBatchWriter, type PendingBatch } from "../../src/modules/import/import.writer.js";
import { duplicateRuleRepository } from "../../src/modules/listen/duplicateRule.repository.js";

/**
 * Where an import's time goes, measured from outside by wrapping the writer's steps. The pipeline
 * has three stages that overlap (read + parse batch N+2, resolve batch N+1's tracks, commit batch
 * N), so the figures are each stage's busy time and do not add up to the wall time: "commit
 * stage idle" is the wall time no commit was running (waiting for parsing or resolution).
 * Benchmark-only instrumentation: it patches methods in this process.
 */
type Method = (...args: unknown[]) => Promise<unknown>;

function timeMethod(owner: object, name: string, totals: Map<string, number>, label: string): void {
  const target = owner as Record<string, Method>;
  const original = target[name];
  if (typeof original !== "function") throw new Error(`pipelinePhases: ${name} is not a method any more; update the benchmark`);
  target[name] = async function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    try {
      return await original.apply(this, args);
    } finally {
      totals.set(label, (totals.get(label) ?? 0) + (performance.now() - started) / 1000);
    }
  };
}

/** How the run was cut into committed batches (rows per batch: plays + skipped + failed). */
export type BatchStats = { batches: number; under100Rows: number; meanRows: number };

export function timePipelinePhases(): { phases(totalSeconds: number): Record<string, number>; batches(): BatchStats } {
  const totals = new Map<string, number>();
  const writer = ImportBatchWriter.prototype;
  timeMethod(writer, "commit", totals, "write");
  const sizes: number[] = [];
  const timedPrepare = writer.prepare;
  writer.prepare = function (this: ImportBatchWriter, batch: PendingBatch, previous?: Promise<unknown>) {
    sizes.push(batch.plays.length + batch.skipped + batch.failed);
    return timedPrepare.call(this, batch, previous);
  };
  timeMethod(writer, "resolve", totals, "catalog");
  timeMethod(writer, "catalogDurations", totals, "catalog");
  timeMethod(writer, "creditArtists", totals, "catalog");
  timeMethod(duplicateRuleRepository, "insertNewCounting", totals, "listens");
  return {
    phases(totalSeconds) {
      const write = totals.get("write") ?? 0;
      const catalog = totals.get("catalog") ?? 0;
      const listens = totals.get("listens") ?? 0;
      return {
        "commit stage idle (parse, waits)": totalSeconds - write,
        "catalog resolution (overlaps commits)": catalog,
        "listens insert": listens,
        "counters + commit": write - listens,
      };
    },
    batches() {
      const rows = sizes.reduce((sum, size) => sum + size, 0);
      return { batches: sizes.length, under100Rows: sizes.filter((size) => size < 100).length, meanRows: sizes.length ? rows / sizes.length : 0 };
    },
  };
}
