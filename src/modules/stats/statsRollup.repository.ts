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
 * CTEs that add (sign 1) or subtract (sign −1) the counted listens of the CTE named `source`
 * (columns user_id, track_id, played_at, ms_played, counted) to/from all four rollups, grouped
 * set-based: one upsert per table. Local keys use the owner's zone as stored now; callers bump
 * stats_version first (bumpStatsVersion), which orders them after a concurrent zone change.
 * Used by applyListenRollups and by set-based inserts that never ship rows back (imports).
 */
export function listenRollupCtes(source: SQL, sign: 1 | -1): SQL {
  return sql`rollup_facts as (
      select f.user_id, f.track_id, f.played_at, f.played_at at time zone u.timezone as local_at,
             ${sign}::int as listens, ${sign}::int * coalesce(f.ms_played, 0)::bigint as ms_known,
             ${sign}::int * (f.ms_played is null)::int as unknown_ms
      from ${source} f join users u on u.id = f.user_id
      where f.counted),
    rollup_totals as (
      insert into stats_track_totals as s (user_id, track_id, listens, ms_known, unknown_ms, first_at, last_at)
      select user_id, track_id, ${MEASURES}, min(played_at), max(played_at) from rollup_facts group by 1, 2
      on conflict (user_id, track_id) do update set ${ADD_MEASURES},
        first_at = case when excluded.listens > 0 then least(s.first_at, excluded.first_at) else s.first_at end,
        last_at = case when excluded.listens > 0 then greatest(s.last_at, excluded.last_at) else s.last_at end),
    rollup_months as (
      insert into stats_month_tracks as s (user_id, month, track_id, listens, ms_known, unknown_ms)
      select user_id, date_trunc('month', local_at)::date, track_id, ${MEASURES} from rollup_facts group by 1, 2, 3
      on conflict (user_id, month, track_id) do update set ${ADD_MEASURES}),
    rollup_days as (
      insert into stats_day_tracks as s (user_id, day, track_id, listens, ms_known, unknown_ms)
      select user_id, local_at::date, track_id, ${MEASURES} from rollup_facts group by 1, 2, 3
      on conflict (user_id, day, track_id) do update set ${ADD_MEASURES}),
    rollup_hours as (
      insert into stats_day_hours as s (user_id, day, hour, listens, ms_known, unknown_ms)
      select user_id, local_at::date, extract(hour from local_at)::smallint, ${MEASURES} from rollup_facts group by 1, 2, 3
      on conflict (user_id, day, hour) do update set ${ADD_MEASURES})`;
}

/**
 * Adds (sign 1) or removes (sign −1) listens from every stats rollup (counted ones; others are
 * ignored) and bumps the owners' stats_version: one grouped statement upserts all four tables; a
 * removal then drops emptied rows and re-reads first/last listen times of the touched tracks.
 * EVERY listen write calls it (or listenRollupCtes) in its own transaction: record, delete, import.
 */
export async function applyListenRollups(executor: Executor, rows: RollupListen[], sign: 1 | -1): Promise<void> {
  const counted = rows.filter((row) => row.counted);
  if (counted.length === 0) return;
  await bumpStatsVersion(executor, [...new Set(counted.map((row) => row.userId))]);
  await executor.execute(sql`with ${input(counted)}, ${listenRollupCtes(sql.raw("input"), sign)} select 1`);
  if (sign === 1) return;
  await executor.execute(sql`with ${input(counted)},
    keys as (
      select distinct i.user_id, i.track_id, i.played_at at time zone u.timezone as local_at
      from input i join users u on u.id = i.user_id),
    gone_totals as (
      delete from stats_track_totals s using (select distinct user_id, track_id from keys) k
      where s.user_id = k.user_id and s.track_id = k.track_id and s.listens <= 0),
    gone_months as (
      delete from stats_month_tracks s using keys k
      where s.user_id = k.user_id and s.month = date_trunc('month', k.local_at)::date and s.track_id = k.track_id and s.listens <= 0),
    gone_days as (
      delete from stats_day_tracks s using keys k
      where s.user_id = k.user_id and s.day = k.local_at::date and s.track_id = k.track_id and s.listens <= 0),
    gone_hours as (
      delete from stats_day_hours s using keys k
      where s.user_id = k.user_id and s.day = k.local_at::date and s.hour = extract(hour from k.local_at) and s.listens <= 0)
    update stats_track_totals s set first_at = r.first_at, last_at = r.last_at
    from (
      select l.user_id, l.track_id, min(l.played_at) as first_at, max(l.played_at) as last_at
      from listens l join (select distinct user_id, track_id from keys) k on k.user_id = l.user_id and k.track_id = l.track_id
      where l.counted group by 1, 2) r
    where s.user_id = r.user_id and s.track_id = r.track_id and s.listens > 0`);
}

/** Bumps the users' stats_version (cached stats are keyed by it); locks their rows until commit. */
export async function bumpStatsVersion(executor: Executor, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await executor.execute(
    sql`update users set stats_version = stats_version + 1 where id in (${sql.join(
      userIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
}

/**
 * Recomputes the user's LOCAL rollups (months, days, hours) from their listens, e.g. after a
 * change of zone; the all-time per-track totals do not depend on the zone. Bumps stats_version.
 * Run it in the transaction that changed the zone (the users row stays locked until commit).
 */
export async function rebuildLocalRollups(executor: Executor, userId: string): Promise<void> {
  await bumpStatsVersion(executor, [userId]);
  await executor.execute(sql`with
    gone_months as (delete from stats_month_tracks where user_id = ${userId}),
    gone_days as (delete from stats_day_tracks where user_id = ${userId})
    delete from stats_day_hours where user_id = ${userId}`);
  await executor.execute(sql`with facts as (
      select l.user_id, l.track_id, l.played_at at time zone u.timezone as local_at,
             1 as listens, coalesce(l.ms_played, 0)::bigint as ms_known, (l.ms_played is null)::int as unknown_ms
      from listens l join users u on u.id = l.user_id
      where l.user_id = ${userId} and l.counted),
    months as (
      insert into stats_month_tracks (user_id, month, track_id, listens, ms_known, unknown_ms)
      select user_id, date_trunc('month', local_at)::date, track_id, ${MEASURES} from facts group by 1, 2, 3),
    days as (
      insert into stats_day_tracks (user_id, day, track_id, listens, ms_known, unknown_ms)
      select user_id, local_at::date, track_id, ${MEASURES} from facts group by 1, 2, 3)
    insert into stats_day_hours (user_id, day, hour, listens, ms_known, unknown_ms)
    select user_id, local_at::date, extract(hour from local_at)::smallint, ${MEASURES} from facts group by 1, 2, 3`);
}

/**
 * Recomputes ALL of the user's rollups from their listens: for data loaded around the write
 * paths (COPY in benchmarks, restores). Run it in one transaction with the load or right after.
 */
export async function rebuildUserRollups(executor: Executor, userId: string): Promise<void> {
  await rebuildLocalRollups(executor, userId);
  await executor.execute(sql`delete from stats_track_totals where user_id = ${userId}`);
  await executor.execute(sql`insert into stats_track_totals (user_id, track_id, listens, ms_known, unknown_ms, first_at, last_at)
    select user_id, track_id, count(*)::int, sum(coalesce(ms_played, 0))::bigint, count(*) filter (where ms_played is null)::int,
           min(played_at), max(played_at)
    from listens where user_id = ${userId} and counted group by 1, 2`);
}
