/** A play of at least this long counts (formats.md, "Counting rule"). */
export const COUNTED_MIN_MS = 30_000;

/**
 * The counting rule (`Listen.counted`, cited by the README): a play counts when it lasted at
 * least 30 s, or when it covered the whole track for tracks shorter than 30 s, or when the
 * source does not say how long it lasted. Uncounted plays are stored but left out of stats.
 */
export function isCounted(msPlayed: number | null | undefined, durationMs?: number | null): boolean {
  if (msPlayed == null) return true;
  if (msPlayed >= COUNTED_MIN_MS) return true;
  return durationMs != null && durationMs > 0 && durationMs < COUNTED_MIN_MS && msPlayed >= durationMs;
}

/** Whether the counting rule needs the catalog's duration of the track: a short play whose source reported none. */
export function needsCatalogDuration(msPlayed: number | null, reportedDurationMs: number | null | undefined): boolean {
  return msPlayed != null && msPlayed < COUNTED_MIN_MS && reportedDurationMs == null;
}
