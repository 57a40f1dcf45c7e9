import { once } from "node:events";
import postgres from "postgres";
import { seededRandom } from "../generate/seededRandom.js";
import { zipfSampler } from "../generate/zipf.js";
import { copyLine } from "../support/copyText.js";

/**
 * The stats benchmark's data, written straight into PostgreSQL: a catalog built by SQL
 * (generate_series), and listens streamed with COPY. Pushing 3.5M listens through GraphQL
 * would measure the write path for an hour; the read path is what this benchmark is about.
 */
export type StatsDatasetShape = {
  artists: number;
  tracks: number;
  mainListens: number;
  years: number;
  otherUsers: number;
  otherListens: number;
};

export const FULL_SHAPE: StatsDatasetShape = {
  artists: 20_000,
  tracks: 200_000,
  mainListens: 1_000_000,
  years: 12,
  otherUsers: 50,
  otherListens: 50_000,
};

/** Catalog ids are functions of the index, so listens can name tracks without a lookup. */
const idOf = (prefix: string, index: number) => `${prefix}0000000-0000-4000-8000-${index.toString(16).padStart(12, "0")}`;
const sqlIdOf = (prefix: string, index: string) => `('${prefix}0000000-0000-4000-8000-' || lpad(to_hex(${index}), 12, '0'))::uuid`;
export const trackId = (index: number) => idOf("c", index);
export const otherUserId = (index: number) => idOf("d", index);

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** Albums per artist: three, so 60k albums for 20k artists. */
const ALBUMS_PER_ARTIST = 3;

export async function loadCatalog(sql: postgres.Sql, shape: StatsDatasetShape): Promise<void> {
  const { artists, tracks } = shape;
  const artist = (expr: string) => sqlIdOf("a", expr);
  await sql.unsafe(`
    insert into artists (id, name, name_key)
      select ${artist("i")}, 'Bench Artist ' || i, 'bench artist ' || i from generate_series(0, ${artists - 1}) i;
    insert into albums (id, title, title_key, artist_id)
      select ${sqlIdOf("b", "i")}, 'Bench Album ' || i, 'bench album ' || i, ${artist(`i / ${ALBUMS_PER_ARTIST}`)}
      from generate_series(0, ${artists * ALBUMS_PER_ARTIST - 1}) i;
    -- track i belongs to artist i mod artists: the Zipf-popular tracks spread over distinct artists
    insert into tracks (id, title, title_key, primary_artist_id, album_id, duration_ms)
      select ${sqlIdOf("c", "i")}, 'Bench Track ' || i, 'bench track ' || i, ${artist(`i % ${artists}`)},
             ${sqlIdOf("b", `(i % ${artists}) * ${ALBUMS_PER_ARTIST} + (i / ${artists}) % ${ALBUMS_PER_ARTIST}`)},
             120000 + (i * 7919) % 240000
      from generate_series(0, ${tracks - 1}) i;
    insert into track_artists (track_id, artist_id, position)
      select ${sqlIdOf("c", "i")}, ${artist(`i % ${artists}`)}, 0 from generate_series(0, ${tracks - 1}) i;
  `);
}

/** 50 public users sharing the tables with the measured one. */
export async function loadOtherUsers(sql: postgres.Sql, shape: StatsDatasetShape): Promise<string[]> {
  await sql.unsafe(`
    insert into users (id, username, email, visibility)
      select ${sqlIdOf("d", "i")}, 'bench_other_' || i, 'bench_other_' || i || '@example.test', 'PUBLIC'
      from generate_series(0, ${shape.otherUsers - 1}) i`);
  return Array.from({ length: shape.otherUsers }, (_, i) => `bench_other_${i}`);
}

/**
 * `count` listens evenly spread over `years` ending an hour ago (jittered, so times are
 * distinct and clock hours vary), tracks drawn Zipf(1.0) over the catalog; 3% are short skips
 * (not counted), the rest counted with ms_played = the track's duration or a partial play.
 */
function* listenLines(userId: string, count: number, years: number, tracks: number, seed: number, end: number): Generator<string> {
  const random = seededRandom(seed);
  const sampleTrack = zipfSampler(tracks, 1.0);
  const start = end - years * YEAR_MS;
  const step = (end - start) / count;
  let chunk = "";
  for (let k = 0; k < count; k++) {
    const playedAt = new Date(Math.floor(start + k * step + random.next() * step * 0.9)).toISOString();
    const skipped = random.chance(0.03);
    const msPlayed = skipped ? random.int(1_000, 25_000) : random.int(60_000, 360_000);
    chunk += copyLine([userId, trackId(sampleTrack(random)), playedAt, msPlayed, "MANUAL", !skipped, skipped]);
    if (chunk.length > 256 * 1024) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/** COPYs one user's listens; foreign keys are not re-checked row by row (ids are built to match). */
export async function copyListens(
  sql: postgres.Sql,
  userId: string,
  count: number,
  options: { years: number; tracks: number; seed: number; end: number },
): Promise<void> {
  await sql.begin(async (tx) => {
    await tx.unsafe("set local session_replication_role = replica");
    const stream = await tx
      .unsafe("copy listens (user_id, track_id, played_at, ms_played, source, counted, skipped) from stdin")
      .writable();
    for (const chunk of listenLines(userId, count, options.years, options.tracks, options.seed, options.end)) {
      if (!stream.write(chunk)) await once(stream, "drain");
    }
    stream.end();
    await once(stream, "finish");
  });
}
