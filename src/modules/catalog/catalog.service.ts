import type { Database } from "../../db/client.js";
import type { TrackRow } from "../../db/schema.js";
import { badUserInput } from "../../platform/errors.js";
import { toConnection } from "../../platform/graphql/connection.type.js";
import { encodeCursor, pageFromRows, parsePageRequest } from "../../platform/pagination.js";
import { nameKey } from "./catalog.normalize.js";
import { searchRepository } from "./search.repository.js";
import type { SearchResult } from "./search.type.js";
import { type ArtistTrackCursor, trackRepository } from "./track.repository.js";
import { TrackConnection } from "./track.connection.js";

export const SEARCH_MAX_RESULTS = 50;
export const SEARCH_MAX_LENGTH = 200;

const isArtistTrackCursor = (value: unknown): value is ArtistTrackCursor =>
  Array.isArray(value) &&
  value.length === 2 &&
  typeof value[0] === "string" &&
  typeof value[1] === "string" &&
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value[1]);

const cursorOf = (track: TrackRow) => encodeCursor([track.titleKey, track.id] satisfies ArtistTrackCursor);

/**
 * Catalog reads that are not plain loads. The catalog is public reference data (no per-user
 * access rule); only viewerStats depend on the viewer, through the loaders.
 */
export const catalogService = {
  /** Tracks crediting the artist (any position), by title; totalCount runs only when asked. */
  async artistTracks(db: Database, artistId: string, args: { first?: number | null; after?: string | null }): Promise<TrackConnection> {
    const request = parsePageRequest({ first: args.first, after: args.after }, isArtistTrackCursor);
    const rows = await trackRepository.pageByArtist(db, artistId, request.cursor, request.limit + 1);
    return toConnection(TrackConnection, pageFromRows(rows, request), cursorOf, () => trackRepository.countByArtist(db, artistId));
  },

  async search(db: Database, query: string, first: number): Promise<SearchResult> {
    const text = query.replace(/\s+/g, " ").trim().toLowerCase();
    if (text.length === 0 || text.length > SEARCH_MAX_LENGTH) {
      throw badUserInput("query", `must be 1 to ${SEARCH_MAX_LENGTH} characters`);
    }
    if (!Number.isInteger(first) || first < 1 || first > SEARCH_MAX_RESULTS) {
      throw badUserInput("first", `must be between 1 and ${SEARCH_MAX_RESULTS}`);
    }
    const terms = { text, prefix: `${text.replace(/[\\%_]/g, "\\$&")}%`, key: nameKey(text) };
    const [artists, albums, tracks] = await Promise.all([
      searchRepository.artists(db, terms, first),
      searchRepository.albums(db, terms, first),
      searchRepository.tracks(db, terms, first),
    ]);
    return { artists, albums, tracks };
  },
};
