import { asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { type AlbumRow, type ArtistRow, albums, artists } from "../../db/schema.js";
import { groupedInKeyOrder, inKeyOrder } from "./catalog.keyed.js";

export type AlbumWithArtist = { album: AlbumRow; artist: ArtistRow };

export const albumRepository = {
  /** Albums joined with their artist, in key order; null for unknown ids. */
  async findByIdsWithArtist(db: Executor, ids: readonly string[]): Promise<(AlbumWithArtist | null)[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .select({ album: albums, artist: artists })
      .from(albums)
      .innerJoin(artists, eq(artists.id, albums.artistId))
      .where(inArray(albums.id, [...ids]));
    return inKeyOrder(ids, rows, (row) => row.album.id);
  },

  /** Each artist's albums, by title. */
  async findByArtistIds(db: Executor, artistIds: readonly string[]): Promise<AlbumRow[][]> {
    if (artistIds.length === 0) return [];
    const rows = await db
      .select()
      .from(albums)
      .where(inArray(albums.artistId, [...artistIds]))
      .orderBy(asc(albums.titleKey), asc(albums.id));
    return groupedInKeyOrder(artistIds, rows, (row) => row.artistId);
  },
};
