import { ImportBatchWriter } from "../../src/modules/import/import.writer.js";
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

export function timePipelinePhases(): { phases(totalSeconds: number): Record<string, number> } {
  const totals = new Map<string, number>();
  const writer = ImportBatchWriter.prototype;
  timeMethod(writer, "write", totals, "write");
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
  };
}
