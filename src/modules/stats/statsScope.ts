import type { WindowSignature } from "./statsCache.repository.js";
import type { RangePreset } from "./statsRange.input.js";

/**
 * Whose stats, over which window, bucketed in which zone: the root object of a Stats field.
 * `from` is null only for ALL_TIME without any counted listen (then nothing is in range).
 */
export type StatsScope = {
  userId: string;
  timezone: string;
  preset: RangePreset | null;
  from: Date | null;
  to: Date;
  /** when the range was resolved: "today" for streaks */
  now: Date;
  range: { from: Date | null; to: Date };
  /** the window's cache signature, read with the window; null when the cache is off */
  signature: WindowSignature | null;
};

/** A stable text key of the resolved window and zone (cache keys, logs). */
export function scopeKey(scope: StatsScope): string {
  return `${scope.userId}|${scope.timezone}|${scope.from?.toISOString() ?? "-"}|${scope.to.toISOString()}`;
}
