import { ImportBatchWriter, type PendingBatch } from "../../src/modules/import/import.writer.js";
import { duplicateRuleRepository } from "../../src/modules/listen/duplicateRule.repository.js";

/**
 * Where an import's time goes, measured from outside: the pipeline is sequential (read a batch,
 * then write it), so wrapping the writer's steps splits wall time into parsing (everything
 * outside the writer), catalog resolution, and writing (listens + the import's counters in one
 * transaction). Benchmark-only instrumentation: it patches methods in this process.
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
  timeMethod(writer, "write", totals, "write");
  const sizes: number[] = [];
  const timedWrite = writer.write;
  writer.write = function (this: ImportBatchWriter, batch: PendingBatch) {
    sizes.push(batch.plays.length + batch.skipped + batch.failed);
    return timedWrite.call(this, batch);
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
        "parse + batching": totalSeconds - write,
        "catalog resolution": catalog,
        "listens insert": listens,
        "counters + commit": write - catalog - listens,
      };
    },
    batches() {
      const rows = sizes.reduce((sum, size) => sum + size, 0);
      return { batches: sizes.length, under100Rows: sizes.filter((size) => size < 100).length, meanRows: sizes.length ? rows / sizes.length : 0 };
    },
  };
}
