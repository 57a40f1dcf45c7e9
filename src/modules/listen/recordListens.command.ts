import type { Executor } from "../../db/client.js";
import type { ListenRow, ListenSource } from "../../db/schema.js";
import { trackRepository } from "../catalog/track.repository.js";
import { resolveTracks } from "../catalog/trackResolution.service.js";
import { COUNTED_MIN_MS, isCounted } from "./countingRule.js";
import { listenRepository, type NewListenRow } from "./listen.repository.js";
import type { Play } from "./play.js";

export type RecordListensResult = {
  inserted: number;
  duplicates: number;
  /** one row per play, in play order; the already-stored row for a duplicate */
  listens: ListenRow[];
};

const keyOf = (trackId: string, playedAt: Date) => `${trackId}@${playedAt.getTime()}`;

/**
 * Stores already-validated plays for one user, in one transaction: resolve tracks (catalog),
 * one multi-row INSERT … ON CONFLICT DO NOTHING, then one read of the rows that were already
 * there. A play is a duplicate when the user already has a listen of the same track starting at
 * the same instant; repeats inside one call count once as inserted and then as duplicates.
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
    const rows = new Map<string, NewListenRow>();
    plays.forEach((play, index) => {
      const trackId = trackIds[index]!;
      const key = keyOf(trackId, play.playedAt);
      if (rows.has(key)) return;
      rows.set(key, {
        userId,
        trackId,
        playedAt: play.playedAt,
        msPlayed: play.msPlayed,
        source,
        counted: isCounted(play.msPlayed, play.track.durationMs ?? durations.get(trackId)),
        skipped: play.skipped,
        platform: play.platform,
        importId: play.importId ?? null,
      });
    });

    const stored = new Map<string, ListenRow>();
    const insertedKeys = new Set<string>();
    for (const row of await listenRepository.insertMany(tx, [...rows.values()])) {
      const key = keyOf(row.trackId, row.playedAt);
      stored.set(key, row);
      insertedKeys.add(key);
    }
    const missing = [...rows.values()].filter((row) => !stored.has(keyOf(row.trackId, row.playedAt as Date)));
    const existing = await listenRepository.findByTrackAndTime(
      tx,
      userId,
      missing.map((row) => ({ trackId: row.trackId, playedAt: row.playedAt as Date })),
    );
    for (const row of existing) stored.set(keyOf(row.trackId, row.playedAt), row);

    let inserted = 0;
    const listens = plays.map((play, index) => {
      const key = keyOf(trackIds[index]!, play.playedAt);
      const row = stored.get(key);
      if (!row) throw new Error(`recordListensForUser: listen ${key} neither inserted nor found`);
      if (insertedKeys.delete(key)) inserted += 1;
      return row;
    });
    return { inserted, duplicates: plays.length - inserted, listens };
  });
}

/**
 * Track durations the catalog knows, for the plays the counting rule cannot decide without one
 * (shorter than 30 s, no duration reported). Usually none, and then no statement runs.
 */
async function catalogDurations(executor: Executor, plays: Play[], trackIds: string[]): Promise<Map<string, number | null>> {
  const needed = new Set(
    plays
      .map((play, index) => (play.msPlayed != null && play.msPlayed < COUNTED_MIN_MS && play.track.durationMs == null ? trackIds[index]! : null))
      .filter((id): id is string => id !== null),
  );
  if (needed.size === 0) return new Map();
  const rows = await trackRepository.findByIds(executor, [...needed]);
  return new Map(rows.filter((row) => row !== null).map((row) => [row.id, row.durationMs]));
}
