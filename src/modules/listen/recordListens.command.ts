import type { Executor } from "../../db/client.js";
import type { ListenRow, ListenSource } from "../../db/schema.js";
import { trackRepository } from "../catalog/track.repository.js";
import { resolveTracks } from "../catalog/trackResolution.service.js";
import { needsCatalogDuration } from "./countingRule.js";
import { dropBatchRepeats, duplicateRuleRepository, type ListenCandidate } from "./duplicateRule.repository.js";
import { type Play, toListenCandidate } from "./play.js";

export type RecordListensResult = {
  inserted: number;
  duplicates: number;
  /** one row per play, in play order; the already-stored row for a duplicate */
  listens: ListenRow[];
};

/**
 * Stores already-validated plays for one user, in one transaction: resolve tracks (catalog),
 * then one set-based INSERT that applies the duplicate rule (duplicateRule.repository.ts: same
 * track at the same second, or within ±60 s of a listen from another source), then one read
 * of the stored listen each play maps to. Repeats inside one call count once as inserted and
 * then as duplicates. Live plays are never minute-precision.
 * No access check: callers (the listen service, importers, the scrobble API) own that.
 */
export async function recordListensForUser(
  executor: Executor,
  userId: string,
  plays: Play[],
  source: ListenSource,
): Promise<RecordListensResult> {
  if (plays.length === 0) return { inserted: 0, duplicates: 0, listens: [] };
  return executor.transaction(async (tx) => {
    const trackIds = await resolveTracks(
      tx,
      plays.map((play) => play.track),
    );
    const durations = await catalogDurations(tx, plays, trackIds);
    const candidates = plays.map((play, index) => toListenCandidate(play, trackIds[index]!, durations.get(trackIds[index]!), false));
    const importId = plays.find((play) => play.importId)?.importId ?? null;
    const insertedRows = await duplicateRuleRepository.insertNewReturning(tx, {
      userId,
      source,
      importId,
      candidates: dropBatchRepeats(candidates),
    });
    // the common live case, every play new: each maps to the row inserted for it (no lookup)
    const matches =
      insertedMatches(candidates, insertedRows) ?? (await duplicateRuleRepository.findMatches(tx, { userId, source, importId, candidates }));

    const newIds = new Set(insertedRows.map((row) => row.id));
    let inserted = 0;
    const listens = plays.map((_, index) => {
      const row = matches.get(index);
      if (!row) throw new Error(`recordListensForUser: play ${index} neither inserted nor matched`);
      if (newIds.delete(row.id)) inserted += 1;
      return row;
    });
    return { inserted, duplicates: plays.length - inserted, listens };
  });
}

/** Each candidate's own inserted row, when every candidate was inserted (no duplicates, no repeats); else null. */
function insertedMatches(candidates: ListenCandidate[], insertedRows: ListenRow[]): Map<number, ListenRow> | null {
  if (insertedRows.length !== candidates.length) return null;
  const byKey = new Map(insertedRows.map((row) => [`${row.trackId}|${row.playedAt.getTime()}`, row]));
  const matches = new Map<number, ListenRow>();
  for (const [index, candidate] of candidates.entries()) {
    const row = byKey.get(`${candidate.trackId}|${candidate.playedAt.getTime()}`);
    if (!row) return null;
    matches.set(index, row);
  }
  return matches;
}

/**
 * Track durations the catalog knows, for the plays the counting rule cannot decide without one
 * (shorter than 30 s, no duration reported). Usually none, and then no statement runs.
 */
async function catalogDurations(executor: Executor, plays: Play[], trackIds: string[]): Promise<Map<string, number | null>> {
  const needed = new Set(
    plays
      .map((play, index) => (needsCatalogDuration(play.msPlayed, play.track.durationMs) ? trackIds[index]! : null))
      .filter((id): id is string => id !== null),
  );
  if (needed.size === 0) return new Map();
  const rows = await trackRepository.findByIds(executor, [...needed]);
  return new Map(rows.filter((row) => row !== null).map((row) => [row.id, row.durationMs]));
}
