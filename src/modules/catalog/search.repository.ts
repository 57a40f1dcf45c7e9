import { asc, desc, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.js";
import { type AlbumRow, type ArtistRow, type TrackRow, albums, artists, tracks } from "../../db/schema.js";

export type SearchTerms = {
  /** lower-cased, trimmed query */
  text: string;
  /** `text` with LIKE wildcards escaped, plus `%` */
  prefix: string;
  /** the query's identity key (accents folded): exact artist matches whatever the spelling */
  key: string;
};

/**
 * Matches on lower(name|title) so the trigram GIN indexes serve every branch: `like 'prefix%'`,
 * `%` (similarity ≥ pg_trgm.similarity_threshold, 0.3) and `<%` (word similarity ≥ 0.6, i.e. the
 * query is close to one word run of the name). Ranked exact, then prefix, then similarity.
 */
function matching(column: PgColumn, terms: SearchTerms, exactKey?: PgColumn) {
  const lowered = sql`lower(${column})`;
  const exact = exactKey ? sql`(${exactKey} = ${terms.key} or ${lowered} = ${terms.text})` : sql`${lowered} = ${terms.text}`;
  return {
    where: sql`(${lowered} like ${terms.prefix} or ${lowered} % ${terms.text} or ${terms.text} <% ${lowered}${
      exactKey ? sql` or ${exactKey} = ${terms.key}` : sql``
    })`,
    order: [
      sql`case when ${exact} then 0 when ${lowered} like ${terms.prefix} then 1 else 2 end`,
      desc(sql`greatest(similarity(${lowered}, ${terms.text}), word_similarity(${terms.text}, ${lowered}))`),
      asc(lowered),
    ],
  };
}

export const searchRepository = {
  async artists(db: Executor, terms: SearchTerms, limit: number): Promise<ArtistRow[]> {
    const m = matching(artists.name, terms, artists.nameKey);
    return db.select().from(artists).where(m.where).orderBy(...m.order, asc(artists.id)).limit(limit);
  },

  async albums(db: Executor, terms: SearchTerms, limit: number): Promise<AlbumRow[]> {
    const m = matching(albums.title, terms);
    return db.select().from(albums).where(m.where).orderBy(...m.order, asc(albums.id)).limit(limit);
  },

  async tracks(db: Executor, terms: SearchTerms, limit: number): Promise<TrackRow[]> {
    const m = matching(tracks.title, terms);
    return db.select().from(tracks).where(m.where).orderBy(...m.order, asc(tracks.id)).limit(limit);
  },
};
