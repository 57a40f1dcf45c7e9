import DataLoader from "dataloader";
import type { Database } from "../../db/client.js";
import type { AlbumRow, ArtistRow, TrackRow } from "../../db/schema.js";
import type { Viewer } from "../auth/viewer.js";
import { albumRepository } from "./album.repository.js";
import { artistRepository } from "./artist.repository.js";
import { itemStatsRepository, type ItemStatsValue } from "./itemStats.repository.js";
import { trackRepository } from "./track.repository.js";

const BATCH = { maxBatchSize: 1000 };

/**
 * The catalog's per-operation loaders. Relations cost one statement per kind and per tick:
 * track artists (joined, priming artistById), albums (joined with their artist, priming
 * artistById so Album.artist is free) and each viewer-stat kind.
 */
export function createCatalogLoaders(db: Database, viewer: Viewer | null) {
  const artistById = new DataLoader<string, ArtistRow | null>((ids) => artistRepository.findByIds(db, ids), BATCH);
  const trackById = new DataLoader<string, TrackRow | null>((ids) => trackRepository.findByIds(db, ids), BATCH);

  const albumById = new DataLoader<string, AlbumRow | null>(async (ids) => {
    const rows = await albumRepository.findByIdsWithArtist(db, ids);
    for (const row of rows) if (row) artistById.prime(row.artist.id, row.artist);
    return rows.map((row) => row?.album ?? null);
  }, BATCH);

  const artistsByTrackId = new DataLoader<string, ArtistRow[]>(async (trackIds) => {
    const groups = await trackRepository.findArtistsByTrackIds(db, trackIds);
    for (const artist of groups.flat()) artistById.prime(artist.id, artist);
    return groups;
  }, BATCH);

  const albumsByArtistId = new DataLoader<string, AlbumRow[]>(async (artistIds) => {
    const groups = await albumRepository.findByArtistIds(db, artistIds);
    for (const album of groups.flat()) albumById.prime(album.id, album);
    return groups;
  }, BATCH);

  const tracksByAlbumId = new DataLoader<string, TrackRow[]>(async (albumIds) => {
    const groups = await trackRepository.findByAlbumIds(db, albumIds);
    for (const track of groups.flat()) trackById.prime(track.id, track);
    return groups;
  }, BATCH);

  /** Viewer stats: null for every id when nobody is signed in (no statement). */
  const statsLoader = (load: (db: Database, userId: string, ids: readonly string[]) => Promise<ItemStatsValue[]>) =>
    new DataLoader<string, ItemStatsValue | null>(
      async (ids) => (viewer ? load(db, viewer.userId, ids) : ids.map(() => null)),
      BATCH,
    );

  const loaders = {
    artistById,
    albumById,
    trackById,
    artistsByTrackId,
    albumsByArtistId,
    tracksByAlbumId,
    trackStats: statsLoader(itemStatsRepository.byTrackIds),
    albumStats: statsLoader(itemStatsRepository.byAlbumIds),
    artistStats: statsLoader(itemStatsRepository.byArtistIds),
    /** Hands track rows read elsewhere (e.g. joined with listens) to trackById. */
    primeTracks(rows: readonly TrackRow[]): void {
      primeTracks(loaders, rows);
    },
  };
  return loaders;
}

export type CatalogLoaders = ReturnType<typeof createCatalogLoaders>;

/** Primes trackById with rows another module already fetched (e.g. with a join), saving a statement. */
export function primeTracks(loaders: Pick<CatalogLoaders, "trackById">, rows: readonly TrackRow[]): void {
  for (const row of rows) loaders.trackById.prime(row.id, row);
}
