import { and, count, eq, inArray, max, min, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.js";
import { listens, tracks } from "../../db/schema.js";

export type ItemStatsValue = {
  listens: number;
  msPlayed: number;
  firstListenedAt: Date | null;
  lastListenedAt: Date | null;
};

const EMPTY: ItemStatsValue = { listens: 0, msPlayed: 0, firstListenedAt: null, lastListenedAt: null };

/**
 * One grouped statement over the user's counted listens for all requested ids. A listen's
 * length is its ms_played, else the track's duration, else 0. Artists count the listens of
 * tracks where they are the PRIMARY artist (tracks.primary_artist_id = the position-0 credit),
 * so features on someone else's track do not count for the featured artist.
 */
async function statsBy(db: Executor, userId: string, groupColumn: PgColumn, ids: readonly string[]): Promise<ItemStatsValue[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      key: sql<string>`${groupColumn}`,
      listens: count(),
      msPlayed: sql<number>`coalesce(sum(coalesce(${listens.msPlayed}, ${tracks.durationMs}, 0)), 0)::float8`.mapWith(Number),
      firstListenedAt: min(listens.playedAt),
      lastListenedAt: max(listens.playedAt),
    })
    .from(listens)
    .innerJoin(tracks, eq(tracks.id, listens.trackId))
    .where(and(eq(listens.userId, userId), eq(listens.counted, true), inArray(groupColumn, [...ids])))
    .groupBy(groupColumn);
  const byKey = new Map(rows.map((row) => [row.key, row] as const));
  return ids.map((id) => {
    const row = byKey.get(id);
    return row
      ? { listens: row.listens, msPlayed: row.msPlayed, firstListenedAt: row.firstListenedAt, lastListenedAt: row.lastListenedAt }
      : { ...EMPTY };
  });
}

export const itemStatsRepository = {
  byTrackIds: (db: Executor, userId: string, ids: readonly string[]) => statsBy(db, userId, listens.trackId, ids),
  byAlbumIds: (db: Executor, userId: string, ids: readonly string[]) => statsBy(db, userId, tracks.albumId, ids),
  byArtistIds: (db: Executor, userId: string, ids: readonly string[]) => statsBy(db, userId, tracks.primaryArtistId, ids),
};
