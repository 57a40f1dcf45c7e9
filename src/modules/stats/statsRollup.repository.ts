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
function factsOf(source: SQL, sign: 1 | -1, zone: SQL = sql`u.timezone`): SQL {
  return sql`select f.user_id, f.track_id, t.primary_artist_id as artist_id, t.album_id, f.played_at,
      f.played_at at time zone ${zone} as local_at, ${sign}::int as listens,
      ${sign}::int * coalesce(f.ms_played, t.duration_ms, 0)::bigint as ms_known,
      ${sign}::int * (f.ms_played is null and t.duration_ms is null)::int as unknown_ms
    from ${source} f join users u on u.id = f.user_id join tracks t on t.id = f.track_id
    where f.counted`;
}

/**
 * The facts the calendar rollups need (user_id, local_at and the measures) of counted listens,
 * for rebuilding them over a whole history: the track's duration is looked up only for plays
 * without their own length (imports nearly always have it), instead of joining every listen to
 * the catalog.
 */
function calendarFactsOf(source: SQL): SQL {
  const duration = sql`(select t.duration_ms from tracks t where t.id = f.track_id)`;
  return sql`select f.user_id, f.played_at at time zone u.timezone as local_at, 1 as listens,
      case when f.ms_played is not null then f.ms_played::bigint else coalesce(${duration}, 0)::bigint end as ms_known,
      case when f.ms_played is not null then 0 when ${duration} is null then 1 else 0 end as unknown_ms
    from ${source} f join users u on u.id = f.user_id
    where f.counted`;
}

/** The month × item rollups (tracks, primary artists, albums) from `rollup_facts`: upserted, or inserted by a rebuild. */
function monthItemCtes(upsert: boolean): SQL {
  // a rebuild inserts in key order, so a month's rows sit together on disk and a window reads
  // few pages (upserts append as listens arrive, which is time order anyway)
  const onConflictOf = (key: string) =>
    upsert ? sql`${sql.raw(`on conflict (${key}) do update set`)} ${ADD_MEASURES}` : sql.raw(`order by ${key.split(",").map((_, i) => i + 1).join(", ")}`);
  return sql`rollup_months as (
      insert into stats_month_tracks as s (user_id, month, track_id, listens, ms_known, unknown_ms)
      select user_id, date_trunc('month', local_at)::date, track_id, ${MEASURES} from rollup_facts group by 1, 2, 3
      ${onConflictOf("user_id, month, track_id")}),
    rollup_month_artists as (
      insert into stats_month_artists as s (user_id, month, artist_id, listens, ms_known, unknown_ms)
      select user_id, date_trunc('month', local_at)::date, artist_id, ${MEASURES} from rollup_facts group by 1, 2, 3
      ${onConflictOf("user_id, month, artist_id")}),
    rollup_month_albums as (
      insert into stats_month_albums as s (user_id, month, album_id, listens, ms_known, unknown_ms)
      select user_id, date_trunc('month', local_at)::date, album_id, ${MEASURES} from rollup_facts
      where album_id is not null group by 1, 2, 3
      ${onConflictOf("user_id, month, album_id")})`;
}

/** Upserts of the calendar rollups (days, day × hour, month × weekday × hour) from `rollup_facts` (rebuilds: rebuildCalendarRollups). */
function calendarCtes(): SQL {
  return sql`rollup_days as (
      insert into stats_days as s (user_id, day, listens, ms_known, unknown_ms)
      select user_id, local_at::date, ${MEASURES} from rollup_facts group by 1, 2
      on conflict (user_id, day) do update set ${ADD_MEASURES}),
    rollup_hours as (
      insert into stats_day_hours as s (user_id, day, hour, listens, ms_known, unknown_ms)
      select user_id, local_at::date, extract(hour from local_at)::smallint, ${MEASURES} from rollup_facts group by 1, 2, 3
      on conflict (user_id, day, hour) do update set ${ADD_MEASURES}),
    rollup_clock as (
      insert into stats_month_clock as s (user_id, month, weekday, hour, listens, ms_known, unknown_ms)
      select user_id, date_trunc('month', local_at)::date, (extract(isodow from local_at) - 1)::smallint,
             extract(hour from local_at)::smallint, ${MEASURES} from rollup_facts group by 1, 2, 3, 4
      on conflict (user_id, month, weekday, hour) do update set ${ADD_MEASURES})`;
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
    ${monthItemCtes(true)},
    ${calendarCtes()}`;
}


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
 * invalidates cached stats, and orders them after a concurrent change of zone (moveLocalRollups).
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
 * Recomputes the user's LOCAL rollups (months, days, hours) from their listens (rebuildUserRollups;
 * a change of zone moves them instead, moveLocalRollups). Bumps stats_version.
 */
export async function rebuildLocalRollups(executor: Executor, userId: string): Promise<void> {
  await bumpStatsVersion(executor, [userId]);
  await executor.execute(sql`with gone_tracks as (delete from stats_month_tracks where user_id = ${userId}),
    gone_artists as (delete from stats_month_artists where user_id = ${userId})
    delete from stats_month_albums where user_id = ${userId}`);
  await executor.execute(sql`with rollup_facts as (${factsOf(userListens(userId), 1)}), ${monthItemCtes(false)} select 1`);
  await rebuildCalendarRollups(executor, userId);
}

/**
 * Recomputes the user's calendar rollups (days, day × hour, month × weekday × hour) from all
 * their listens: aggregated once to local day × hour, from which days and the clock follow
 * (a local day and hour fix the month and weekday), so the listens are read and grouped once.
 */
async function rebuildCalendarRollups(executor: Executor, userId: string): Promise<void> {
  await executor.execute(sql`with gone_days as (delete from stats_days where user_id = ${userId}),
    gone_hours as (delete from stats_day_hours where user_id = ${userId})
    delete from stats_month_clock where user_id = ${userId}`);
  await executor.execute(sql`with rollup_facts as (${calendarFactsOf(userListens(userId))}),
    hours as materialized (
      select user_id, local_at::date as day, extract(hour from local_at)::smallint as hour,
             sum(listens)::int as listens, sum(ms_known)::bigint as ms_known, sum(unknown_ms)::int as unknown_ms
      from rollup_facts group by 1, 2, 3),
    ins_hours as (
      insert into stats_day_hours (user_id, day, hour, listens, ms_known, unknown_ms)
      select * from hours order by 1, 2, 3),
    ins_days as (
      insert into stats_days (user_id, day, listens, ms_known, unknown_ms)
      select user_id, day, ${MEASURES} from hours group by 1, 2 order by 1, 2)
    insert into stats_month_clock (user_id, month, weekday, hour, listens, ms_known, unknown_ms)
    select user_id, date_trunc('month', day)::date, (extract(isodow from day) - 1)::smallint, hour, ${MEASURES}
    from hours group by 1, 2, 3, 4 order by 1, 2, 3, 4`);
}

/**
 * The user's counted listens whose local month differs between `fromZone` and their zone now (a
 * CTE body). A zone is at most 14 h from UTC, so such a listen lies within a day of a UTC month
 * start: one index range per month of the history, a few hundred listens each, not all of them.
 */
function listensChangingMonth(userId: string, fromZone: string): SQL {
  const utcMonth = (instant: string) => sql.raw(`date_trunc('month', ${instant} at time zone 'UTC')`);
  return sql`select l.user_id, l.track_id, l.played_at, l.ms_played, l.counted
    from (select min(played_at) as first_at, max(played_at) as last_at from listens where user_id = ${userId}) span
    cross join lateral generate_series(${utcMonth("span.first_at")}, ${utcMonth("span.last_at")} + interval '1 month', interval '1 month') m (start)
    join listens l on l.user_id = ${userId}
      and l.played_at >= (m.start at time zone 'UTC') - interval '1 day' and l.played_at < (m.start at time zone 'UTC') + interval '1 day'
    join users u on u.id = l.user_id
    where l.counted and date_trunc('month', l.played_at at time zone ${fromZone}) <> date_trunc('month', l.played_at at time zone u.timezone)`;
}

/**
 * Moves the user's LOCAL rollups from `fromZone` to the zone their row holds now (changed in
 * this transaction, the row locked first by bumpStatsVersion). Month × item rows change only for
 * the few listens that change local month: subtracted under the old month, added under the new.
 * Days, hours and the clock move for most listens when the offset changes: rebuilt, which reads
 * every listen but writes only a few rows per day. 1M listens: 5.6–7.7 s where rebuilding every
 * local rollup took 13–15 s (bench/RESULTS.md).
 */
export async function moveLocalRollups(executor: Executor, userId: string, fromZone: string): Promise<void> {
  const moved = listensChangingMonth(userId, fromZone);
  await executor.execute(sql`with moved as materialized (${moved}),
    rollup_facts as (${factsOf(sql`moved`, -1, sql`${fromZone}`)} union all ${factsOf(sql`moved`, 1)}),
    ${monthItemCtes(true)} select 1`);
  // rows the moved listens emptied (by their old keys: a user's month tables are large)
  await executor.execute(sql`with k as (select distinct f.month, f.track_id, f.artist_id, f.album_id
      from (select date_trunc('month', local_at)::date as month, track_id, artist_id, album_id from (${factsOf(sql`(${moved})`, -1, sql`${fromZone}`)}) o) f),
    gone_tracks as (delete from stats_month_tracks s using k where s.user_id = ${userId} and s.month = k.month and s.track_id = k.track_id and s.listens <= 0),
    gone_artists as (delete from stats_month_artists s using k where s.user_id = ${userId} and s.month = k.month and s.artist_id = k.artist_id and s.listens <= 0)
    delete from stats_month_albums s using k where s.user_id = ${userId} and s.month = k.month and s.album_id = k.album_id and s.listens <= 0`);
  await rebuildCalendarRollups(executor, userId);
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
