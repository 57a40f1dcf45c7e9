import { type SQL, sql } from "drizzle-orm";
import { arrayLiteral } from "../../db/arrayLiteral.js";
import { type Executor, selectRows } from "../../db/client.js";
import { albums, artists, trackArtists, tracks } from "../../db/schema.js";

/**
 * Set-based SQL for track resolution. Every batch travels as ONE jsonb parameter
 * (jsonb_array_elements_text / jsonb_to_recordset), so a statement's size does not grow with
 * the batch and 10k+ references stay under PostgreSQL's 65 535-parameter limit.
 */

export type ArtistIdentity = { id: string; nameKey: string; mbid: string | null };
export type AlbumIdentity = { id: string; artistId: string; titleKey: string; mbid: string | null };
export type TrackIdentity = {
  id: string;
  primaryArtistId: string;
  titleKey: string;
  albumId: string | null;
  durationMs: number | null;
  isrc: string | null;
  spotifyId: string | null;
  mbid: string | null;
};

export type NewArtist = { name: string; nameKey: string; mbid: string | null };
export type NewAlbum = { title: string; titleKey: string; artistId: string; mbid: string | null };
export type NewTrack = Omit<TrackIdentity, "id"> & { title: string };
export type NewCredit = { trackId: string; artistId: string; position: number };
export type TrackFill = Pick<TrackIdentity, "id" | "albumId" | "durationMs" | "isrc" | "spotifyId" | "mbid">;

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;
/**
 * `any($1::text[])` for `column = any(…)`: the planner sees how many values there are and probes
 * the unique index per value (`in (select … from jsonb_array_elements_text(…))` was estimated at
 * 100 rows and hash-joined a sequential scan of the whole table: 1.4 ms per live listen at 20k
 * artists, growing with the catalog).
 */
const anyText = (values: readonly string[]) => sql`any(${arrayLiteral(values)}::text[])`;
const anyUuid = (values: readonly string[]) => sql`any(${arrayLiteral(values)}::uuid[])`;

const TRACK_COLUMNS = sql`t.id, t.primary_artist_id as "primaryArtistId", t.title_key as "titleKey",
  t.album_id as "albumId", t.duration_ms as "durationMs", t.isrc, t.spotify_id as "spotifyId", t.mbid`;

function union(parts: SQL[]): SQL | null {
  return parts.length === 0 ? null : sql.join(parts, sql` union `);
}

export async function findArtists(
  executor: Executor,
  nameKeys: readonly string[],
  mbids: readonly string[],
): Promise<ArtistIdentity[]> {
  const query = union([
    ...(nameKeys.length ? [sql`select id, name_key as "nameKey", mbid from ${artists} where name_key = ${anyText(nameKeys)}`] : []),
    ...(mbids.length ? [sql`select id, name_key as "nameKey", mbid from ${artists} where mbid = ${anyUuid(mbids)}`] : []),
  ]);
  return query ? selectRows<ArtistIdentity>(executor, query) : [];
}

/**
 * Inserts in key order (a stable lock order between concurrent callers); conflicts are skipped.
 * Returns the rows this call created (a skipped row is not among them).
 */
export async function insertArtists(executor: Executor, rows: readonly NewArtist[]): Promise<ArtistIdentity[]> {
  if (rows.length === 0) return [];
  return selectRows<ArtistIdentity>(
    executor,
    sql`insert into ${artists} (name, name_key, mbid)
    select v.name, v.name_key, v.mbid from jsonb_to_recordset(${json(rows.map((r) => ({ name: r.name, name_key: r.nameKey, mbid: r.mbid })))})
      as v(name text, name_key text, mbid uuid)
    order by v.name_key
    on conflict do nothing
    returning id, name_key as "nameKey", mbid`,
  );
}

export async function fillArtistMbids(executor: Executor, rows: readonly { id: string; mbid: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await executor.execute(sql`update ${artists} a set mbid = v.mbid
    from jsonb_to_recordset(${json(rows)}) as v(id uuid, mbid uuid)
    where a.id = v.id and a.mbid is null`);
}

export async function findAlbums(
  executor: Executor,
  pairs: readonly { artistId: string; titleKey: string }[],
  mbids: readonly string[],
): Promise<AlbumIdentity[]> {
  const columns = sql`al.id, al.artist_id as "artistId", al.title_key as "titleKey", al.mbid`;
  const query = union([
    ...(pairs.length
      ? [sql`select ${columns} from ${albums} al
          join jsonb_to_recordset(${json(pairs.map((p) => ({ artist_id: p.artistId, title_key: p.titleKey })))})
            as v(artist_id uuid, title_key text) on al.artist_id = v.artist_id and al.title_key = v.title_key`]
      : []),
    ...(mbids.length ? [sql`select ${columns} from ${albums} al where al.mbid = ${anyUuid(mbids)}`] : []),
  ]);
  return query ? selectRows<AlbumIdentity>(executor, query) : [];
}

/** Inserts in key order; conflicts are skipped. Returns the rows this call created. */
export async function insertAlbums(executor: Executor, rows: readonly NewAlbum[]): Promise<AlbumIdentity[]> {
  if (rows.length === 0) return [];
  const values = rows.map((r) => ({ title: r.title, title_key: r.titleKey, artist_id: r.artistId, mbid: r.mbid }));
  return selectRows<AlbumIdentity>(
    executor,
    sql`insert into ${albums} as al (title, title_key, artist_id, mbid)
    select v.title, v.title_key, v.artist_id, v.mbid from jsonb_to_recordset(${json(values)})
      as v(title text, title_key text, artist_id uuid, mbid uuid)
    order by v.artist_id, v.title_key
    on conflict do nothing
    returning al.id, al.artist_id as "artistId", al.title_key as "titleKey", al.mbid`,
  );
}

export async function fillAlbumMbids(executor: Executor, rows: readonly { id: string; mbid: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await executor.execute(sql`update ${albums} al set mbid = v.mbid
    from jsonb_to_recordset(${json(rows)}) as v(id uuid, mbid uuid)
    where al.id = v.id and al.mbid is null`);
}

export type TrackLookup = {
  pairs?: readonly { artistId: string; titleKey: string }[];
  isrcs?: readonly string[];
  spotifyIds?: readonly string[];
  mbids?: readonly string[];
};

/** Tracks matching any of the strong ids or (primary artist, title key) pairs. */
export async function findTracks(executor: Executor, lookup: TrackLookup): Promise<TrackIdentity[]> {
  const { pairs = [], isrcs = [], spotifyIds = [], mbids = [] } = lookup;
  const query = union([
    ...(pairs.length
      ? [sql`select ${TRACK_COLUMNS} from ${tracks} t
          join jsonb_to_recordset(${json(pairs.map((p) => ({ artist_id: p.artistId, title_key: p.titleKey })))})
            as v(artist_id uuid, title_key text) on t.primary_artist_id = v.artist_id and t.title_key = v.title_key`]
      : []),
    ...(isrcs.length ? [sql`select ${TRACK_COLUMNS} from ${tracks} t where t.isrc = ${anyText(isrcs)}`] : []),
    ...(spotifyIds.length ? [sql`select ${TRACK_COLUMNS} from ${tracks} t where t.spotify_id = ${anyText(spotifyIds)}`] : []),
    ...(mbids.length ? [sql`select ${TRACK_COLUMNS} from ${tracks} t where t.mbid = ${anyUuid(mbids)}`] : []),
  ]);
  return query ? selectRows<TrackIdentity>(executor, query) : [];
}

/** Inserts tracks (conflicts on any unique key skipped) and returns the rows this call created. */
export async function insertTracks(executor: Executor, rows: readonly NewTrack[]): Promise<TrackIdentity[]> {
  if (rows.length === 0) return [];
  const values = rows.map((r) => ({
    title: r.title,
    title_key: r.titleKey,
    primary_artist_id: r.primaryArtistId,
    album_id: r.albumId,
    duration_ms: r.durationMs,
    isrc: r.isrc,
    spotify_id: r.spotifyId,
    mbid: r.mbid,
  }));
  return selectRows<TrackIdentity>(
    executor,
    sql`insert into ${tracks} as t (title, title_key, primary_artist_id, album_id, duration_ms, isrc, spotify_id, mbid)
      select v.title, v.title_key, v.primary_artist_id, v.album_id, v.duration_ms, v.isrc, v.spotify_id, v.mbid
      from jsonb_to_recordset(${json(values)}) as v(title text, title_key text, primary_artist_id uuid, album_id uuid,
        duration_ms integer, isrc text, spotify_id text, mbid uuid)
      order by v.primary_artist_id, v.title_key
      on conflict do nothing
      returning ${TRACK_COLUMNS}`,
  );
}

export async function insertCredits(executor: Executor, rows: readonly NewCredit[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((r) => ({ track_id: r.trackId, artist_id: r.artistId, position: r.position }));
  await executor.execute(sql`insert into ${trackArtists} (track_id, artist_id, position)
    select v.track_id, v.artist_id, v.position from jsonb_to_recordset(${json(values)})
      as v(track_id uuid, artist_id uuid, position integer)
    order by v.track_id, v.position
    on conflict do nothing`);
}

/** Fills columns that are still null; never overwrites a known value. */
export async function fillTracks(executor: Executor, rows: readonly TrackFill[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((r) => ({
    id: r.id,
    album_id: r.albumId,
    duration_ms: r.durationMs,
    isrc: r.isrc,
    spotify_id: r.spotifyId,
    mbid: r.mbid,
  }));
  await executor.execute(sql`update ${tracks} t set
      album_id = coalesce(t.album_id, v.album_id),
      duration_ms = coalesce(t.duration_ms, v.duration_ms),
      isrc = coalesce(t.isrc, v.isrc),
      spotify_id = coalesce(t.spotify_id, v.spotify_id),
      mbid = coalesce(t.mbid, v.mbid)
    from jsonb_to_recordset(${json(values)})
      as v(id uuid, album_id uuid, duration_ms integer, isrc text, spotify_id text, mbid uuid)
    where t.id = v.id`);
}
