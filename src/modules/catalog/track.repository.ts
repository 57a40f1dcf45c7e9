import { and, asc, count, eq, gt, inArray, or } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { type ArtistRow, type TrackRow, artists, trackArtists, tracks } from "../../db/schema.js";
import { groupedInKeyOrder, inKeyOrder } from "./catalog.keyed.js";

/** Artist.tracks position: (title key, id). */
export type ArtistTrackCursor = [titleKey: string, id: string];

export const trackRepository = {
  /** Rows in key order; null for unknown ids. */
  async findByIds(db: Executor, ids: readonly string[]): Promise<(TrackRow | null)[]> {
    if (ids.length === 0) return [];
    const rows = await db.select().from(tracks).where(inArray(tracks.id, [...ids]));
    return inKeyOrder(ids, rows, (row) => row.id);
  },

  /** Each track's credited artists in credit order (primary first), in one statement. */
  async findArtistsByTrackIds(db: Executor, trackIds: readonly string[]): Promise<ArtistRow[][]> {
    if (trackIds.length === 0) return [];
    const rows = await db
      .select({ trackId: trackArtists.trackId, artist: artists })
      .from(trackArtists)
      .innerJoin(artists, eq(artists.id, trackArtists.artistId))
      .where(inArray(trackArtists.trackId, [...trackIds]))
      .orderBy(asc(trackArtists.trackId), asc(trackArtists.position));
    return groupedInKeyOrder(trackIds, rows, (row) => row.trackId).map((group) => group.map((row) => row.artist));
  },

  /** Each album's tracks, by title. */
  async findByAlbumIds(db: Executor, albumIds: readonly string[]): Promise<TrackRow[][]> {
    if (albumIds.length === 0) return [];
    const rows = await db
      .select()
      .from(tracks)
      .where(inArray(tracks.albumId, [...albumIds]))
      .orderBy(asc(tracks.titleKey), asc(tracks.id));
    return groupedInKeyOrder(albumIds, rows, (row) => row.albumId!);
  },

  /** Tracks crediting the artist (any position), in (title key, id) order after the cursor. */
  async pageByArtist(db: Executor, artistId: string, after: ArtistTrackCursor | null, limit: number): Promise<TrackRow[]> {
    const rows = await db
      .select({ track: tracks })
      .from(trackArtists)
      .innerJoin(tracks, eq(tracks.id, trackArtists.trackId))
      .where(
        and(
          eq(trackArtists.artistId, artistId),
          after ? or(gt(tracks.titleKey, after[0]), and(eq(tracks.titleKey, after[0]), gt(tracks.id, after[1]))) : undefined,
        ),
      )
      .orderBy(asc(tracks.titleKey), asc(tracks.id))
      .limit(limit);
    return rows.map((row) => row.track);
  },

  async countByArtist(db: Executor, artistId: string): Promise<number> {
    const [row] = await db.select({ n: count() }).from(trackArtists).where(eq(trackArtists.artistId, artistId));
    return row?.n ?? 0;
  },
};
