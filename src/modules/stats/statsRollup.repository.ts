import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";

/** What the rollups need of a stored (or just deleted) listen. */
export type RollupListen = {
  userId: string;
  trackId: string;
  playedAt: Date;
  msPlayed: number | null;
  counted: boolean;
};

/** The input rows as a CTE `input` (user_id, track_id, played_at, ms_played, counted). */
function input(rows: RollupListen[]): SQL {
  const payload = JSON.stringify(
    rows.map((row) => ({ u: row.userId, t: row.trackId, p: row.playedAt.toISOString(), m: row.msPlayed, c: row.counted })),
  );
  return sql`input as (
      select (r->>'u')::uuid as user_id, (r->>'t')::uuid as track_id, (r->>'p')::timestamptz as played_at,
             (r->>'m')::bigint as ms_played, (r->>'c')::boolean as counted
      from jsonb_array_elements(${payload}::jsonb) r)`;
}

const MEASURES = sql`sum(listens)::int, sum(ms_known)::bigint, sum(unknown_ms)::int`;
const ADD_MEASURES = sql`listens = s.listens + excluded.listens, ms_known = s.ms_known + excluded.ms_known,
  unknown_ms = s.unknown_ms + excluded.unknown_ms`;

/**
 * Facts of counted listens for the rollups: the track's primary artist and album, local time in
 * the owner's zone, ms as known now (own length, else the track's duration, else 0; unknown_ms
 * counts the last kind, see stats_track_learned in drizzle/0011).
 */
function factsOf(source: SQL, sign: 1 | -1): SQL {
  return sql`select f.user_id, f.track_id, t.primary_artist_id as artist_id, t.album_id, f.played_at,
      f.played_at at time zone u.timezone as local_at, ${sign}::int as listens,
      ${sign}::int * coalesce(f.ms_played, t.duration_ms, 0)::bigint as ms_known,
      ${sign}::int * (f.ms_played is null and t.duration_ms is null)::int as unknown_ms
    from ${source} f join users u on u.id = f.user_id join tracks t on t.id = f.track_id
    where f.counted`;
}

/** Upserts (or plain inserts, for rebuilds) of every LOCAL rollup from the CTE `rollup_facts`. */
function localRollupCtes(upsert: boolean): SQL {
  // a rebuild inserts in key order, so a month's (or day's) rows sit together on disk and a
  // window reads few pages; upserts append as listens arrive, which is time order anyway
  const onConflict = (key: string) => (upsert ? sql.raw(`on conflict (${key}) do update set `) : sql.raw(`order by ${key.split(",").map((_, i) => i + 1).join(", ")}`));
  const add = upsert ? ADD_MEASURES : sql``;
  return sql`rollup_months as (
      insert into stats_month_tracks as s (user_id, month, track_id, listens, ms_known, unknown_ms)
      select user_id, date_trunc('month', local_at)::date, track_id, ${MEASURES} from rollup_facts group by 1, 2, 3
      ${onConflict("user_id, month, track_id")}${add}),
    rollup_month_artists as (
      insert into stats_month_artists as s (user_id, month, artist_id, listens, ms_known, unknown_ms)
      select user_id, date_trunc('month', local_at)::date, artist_id, ${MEASURES} from rollup_facts group by 1, 2, 3
      ${onConflict("user_id, month, artist_id")}${add}),
    rollup_month_albums as (
      insert into stats_month_albums as s (user_id, month, album_id, listens, ms_known, unknown_ms)
      select user_id, date_trunc('month', local_at)::date, album_id, ${MEASURES} from rollup_facts
      where album_id is not null group by 1, 2, 3
      ${onConflict("user_id, month, album_id")}${add}),
    rollup_days as (
      insert into stats_days as s (user_id, day, listens, ms_known, unknown_ms)
      select user_id, local_at::date, ${MEASURES} from rollup_facts group by 1, 2
      ${onConflict("user_id, day")}${add}),
    rollup_hours as (
      insert into stats_day_hours as s (user_id, day, hour, listens, ms_known, unknown_ms)
      select user_id, local_at::date, extract(hour from local_at)::smallint, ${MEASURES} from rollup_facts group by 1, 2, 3
      ${onConflict("user_id, day, hour")}${add}),
    rollup_clock as (
      insert into stats_month_clock as s (user_id, month, weekday, hour, listens, ms_known, unknown_ms)
      select user_id, date_trunc('month', local_at)::date, (extract(isodow from local_at) - 1)::smallint,
             extract(hour from local_at)::smallint, ${MEASURES} from rollup_facts group by 1, 2, 3, 4
      ${onConflict("user_id, month, weekday, hour")}${add})`;
}

/**
 * CTEs that add (sign 1) or subtract (sign −1) the counted listens of the CTE named `source`
 * (columns user_id, track_id, played_at, ms_played, counted) to/from every rollup, grouped
 * set-based: one upsert per table. Local keys use the owner's zone as stored now; callers bump
 * stats_version first (bumpStatsVersion, in an earlier statement), which orders them after a
 * concurrent zone change.
 * Used by applyListenRollups and by set-based inserts that never ship rows back (imports).
 */
export function listenRollupCtes(source: SQL, sign: 1 | -1): SQL {
  // an artist's first listen only moves earlier here; a removal re-reads it (applyListenRollups)
  const firstAt = sql.raw(`first_at = case when excluded.listens > 0 then least(s.first_at, excluded.first_at) else s.first_at end`);
  return sql`rollup_facts as (${factsOf(source, sign)}),
    rollup_totals as (
      insert into stats_track_totals as s (user_id, track_id, listens, ms_known, unknown_ms)
      select user_id, track_id, ${MEASURES} from rollup_facts group by 1, 2
      on conflict (user_id, track_id) do update set ${ADD_MEASURES}),
    rollup_artists as (
      insert into stats_artist_totals as s (user_id, artist_id, listens, ms_known, unknown_ms, first_at)
      select user_id, artist_id, ${MEASURES}, min(played_at) from rollup_facts group by 1, 2
      on conflict (user_id, artist_id) do update set ${ADD_MEASURES}, ${firstAt}),
    rollup_albums as (
      insert into stats_album_totals as s (user_id, album_id, listens, ms_known, unknown_ms)
      select user_id, album_id, ${MEASURES} from rollup_facts where album_id is not null group by 1, 2
      on conflict (user_id, album_id) do update set ${ADD_MEASURES}),
    ${localRollupCtes(true)}`;
}

/** The local (zone-dependent) rollup tables. */
const LOCAL_TABLES = ["stats_month_tracks", "stats_month_artists", "stats_month_albums", "stats_days", "stats_day_hours", "stats_month_clock"];

/** Each rollup's key, matched against a removed listen's facts `k` (besides user_id). */
const MONTH = "s.month = date_trunc('month', k.local_at)::date";
const EMPTIED_KEYS: Record<string, string> = {
  stats_track_totals: "s.track_id = k.track_id",
  stats_artist_totals: "s.artist_id = k.artist_id",
  stats_album_totals: "s.album_id = k.album_id",
  stats_month_tracks: `${MONTH} and s.track_id = k.track_id`,
  stats_month_artists: `${MONTH} and s.artist_id = k.artist_id`,
  stats_month_albums: `${MONTH} and s.album_id = k.album_id`,
  stats_days: "s.day = k.local_at::date",
  stats_day_hours: "s.day = k.local_at::date and s.hour = extract(hour from k.local_at)",
  stats_month_clock: `${MONTH} and s.weekday = extract(isodow from k.local_at) - 1 and s.hour = extract(hour from k.local_at)`,
};

/**
 * Adds (sign 1) or removes (sign −1) listens from every stats rollup (counted ones; others are
 * ignored): one grouped statement upserts every table; a removal then drops emptied rows and
 * re-reads the first listen of the artists it touched. EVERY listen write calls it (or
 * listenRollupCtes) in its own transaction: record, delete, import; and every such transaction
 * first bumps the owners' stats_version (bumpStatsVersion), before it touches listens.
 */
export async function applyListenRollups(executor: Executor, rows: RollupListen[], sign: 1 | -1): Promise<void> {
  const counted = rows.filter((row) => row.counted);
  if (counted.length === 0) return;
  await executor.execute(sql`with ${input(counted)}, ${listenRollupCtes(sql.raw("input"), sign)} select 1`);
  if (sign === 1) return;
  // the listens are gone: the rows they emptied go (by key: a user's tables can be large), and
  // the touched artists' first listens are re-read from what is left
  await executor.execute(sql`with ${input(counted)},
    k as (
      select distinct i.user_id, i.track_id, t.primary_artist_id as artist_id, t.album_id,
             (i.played_at at time zone u.timezone) as local_at
      from input i join users u on u.id = i.user_id join tracks t on t.id = i.track_id),
    ${sql.join(
      Object.entries(EMPTIED_KEYS).map(
        ([table, match], index) =>
          sql`gone_${sql.raw(String(index))} as (delete from ${sql.raw(table)} s using k where s.user_id = k.user_id and ${sql.raw(match)} and s.listens <= 0)`,
      ),
      sql`, `,
    )}
    select 1`);
  await executor.execute(sql`with ${input(counted)},
    touched as (select distinct i.user_id, t.primary_artist_id as artist_id from input i join tracks t on t.id = i.track_id)
    update stats_artist_totals s set first_at = r.first_at
    from (
      select a.user_id, a.artist_id, min(l.played_at) as first_at
      from touched a
      join track_artists ta on ta.artist_id = a.artist_id and ta.position = 0
      join listens l on l.user_id = a.user_id and l.track_id = ta.track_id
      where l.counted group by 1, 2) r
    where s.user_id = r.user_id and s.artist_id = r.artist_id`);
}

/**
 * Bumps the users' stats_version (cached stats are keyed by it) and locks their rows until commit:
 * every writer of a user's listens calls it FIRST, which serializes them (the duplicate rule),
 * invalidates cached stats, and orders them after a concurrent change of zone (its rebuild).
 */
export async function bumpStatsVersion(executor: Executor, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await executor.execute(
    sql`update users set stats_version = stats_version + 1 where id in (${sql.join(
      userIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
}

/** The user's counted listens as rollup facts (a CTE body). */
const userListens = (userId: string) => sql`(select user_id, track_id, played_at, ms_played, counted from listens where user_id = ${userId})`;

/**
 * Recomputes the user's LOCAL rollups (months, days, hours) from their listens, e.g. after a
 * change of zone; the all-time totals do not depend on the zone. Bumps stats_version.
 * Run it in the transaction that changed the zone (the users row stays locked until commit).
 */
export async function rebuildLocalRollups(executor: Executor, userId: string): Promise<void> {
  await bumpStatsVersion(executor, [userId]);
  await executor.execute(sql`with ${sql.join(
    LOCAL_TABLES.slice(1).map((table, index) => sql`gone_${sql.raw(String(index))} as (delete from ${sql.raw(table)} where user_id = ${userId})`),
    sql`, `,
  )} delete from ${sql.raw(LOCAL_TABLES[0]!)} where user_id = ${userId}`);
  await executor.execute(sql`with rollup_facts as (${factsOf(userListens(userId), 1)}), ${localRollupCtes(false)} select 1`);
}

/**
 * Recomputes ALL of the user's rollups from their listens: for data loaded around the write
 * paths (COPY in benchmarks, restores). Run it in one transaction with the load or right after.
 */
export async function rebuildUserRollups(executor: Executor, userId: string): Promise<void> {
  await rebuildLocalRollups(executor, userId);
  await executor.execute(sql`with gone_tracks as (delete from stats_track_totals where user_id = ${userId}),
    gone_albums as (delete from stats_album_totals where user_id = ${userId})
    delete from stats_artist_totals where user_id = ${userId}`);
  await executor.execute(sql`with rollup_facts as (${factsOf(userListens(userId), 1)}),
    totals as (
      insert into stats_track_totals (user_id, track_id, listens, ms_known, unknown_ms)
      select user_id, track_id, ${MEASURES} from rollup_facts group by 1, 2),
    artists as (
      insert into stats_artist_totals (user_id, artist_id, listens, ms_known, unknown_ms, first_at)
      select user_id, artist_id, ${MEASURES}, min(played_at) from rollup_facts group by 1, 2)
    insert into stats_album_totals (user_id, album_id, listens, ms_known, unknown_ms)
    select user_id, album_id, ${MEASURES} from rollup_facts where album_id is not null group by 1, 2`);
}
