import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { albums, artists, type AlbumRow, type ArtistRow, tracks, type TrackRow } from "../../db/schema.js";

/**
 * What the Artist, Track and Album GraphQL types read of a catalog row: every column but
 * `createdAt` (bookkeeping, never exposed). A row kept as JSON (a cached top list carries its
 * items) serves as well as one just read.
 */
export type ArtistItem = Omit<ArtistRow, "createdAt">;
export type TrackItem = Omit<TrackRow, "createdAt">;
export type AlbumItem = Omit<AlbumRow, "createdAt">;
export type CatalogItem = ArtistItem | TrackItem | AlbumItem;

export const CATALOG_TABLES = { artist: artists, track: tracks, album: albums } as const;

/**
 * A json object of the item's columns under their row names (`nameKey`, not `name_key`), read
 * from the catalog table aliased `alias`: selected raw, it arrives as the item itself.
 */
export function catalogItemJson(table: PgTable, alias: string): SQL {
  const pairs = Object.entries(getTableColumns(table))
    .filter(([key]) => key !== "createdAt")
    .map(([key, column]) => sql.raw(`'${key}', ${alias}."${column.name}"`));
  return sql`json_build_object(${sql.join(pairs, sql`, `)})`;
}
