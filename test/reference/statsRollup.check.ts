import { type SQL, sql } from "drizzle-orm";
import { type Executor, selectRows } from "../../src/db/client.js";

/**
 * Rows in which the user's stats rollups differ from a fresh GROUP BY over their listens, per
 * table (all zeros when the incremental maintenance is exact).
 */
export async function rollupDrift(db: Executor, userId: string): Promise<Record<string, number>> {
  const facts = sql`select l.user_id, l.track_id, l.played_at, l.played_at at time zone u.timezone as local_at,
      coalesce(l.ms_played, 0)::bigint as ms_known, (l.ms_played is null)::int as unknown_ms
    from listens l join users u on u.id = l.user_id where l.user_id = ${userId} and l.counted`;
  const measures = sql`count(*)::int, sum(ms_known)::bigint, sum(unknown_ms)::int`;
  const diff = (expected: SQL, actual: SQL) =>
    sql`(select count(*)::int from ((${expected} except ${actual}) union all (${actual} except ${expected})) d)`;
  const [row] = await selectRows<Record<string, number>>(
    db,
    sql`with facts as (${facts}) select
      ${diff(
        sql`select user_id, track_id, ${measures}, min(played_at), max(played_at) from facts group by 1, 2`,
        sql`select user_id, track_id, listens, ms_known, unknown_ms, first_at, last_at from stats_track_totals where user_id = ${userId}`,
      )} as totals,
      ${diff(
        sql`select user_id, date_trunc('month', local_at)::date, track_id, ${measures} from facts group by 1, 2, 3`,
        sql`select user_id, month, track_id, listens, ms_known, unknown_ms from stats_month_tracks where user_id = ${userId}`,
      )} as months,
      ${diff(
        sql`select user_id, local_at::date, track_id, ${measures} from facts group by 1, 2, 3`,
        sql`select user_id, day, track_id, listens, ms_known, unknown_ms from stats_day_tracks where user_id = ${userId}`,
      )} as days,
      ${diff(
        sql`select user_id, local_at::date, extract(hour from local_at)::smallint, ${measures} from facts group by 1, 2, 3`,
        sql`select user_id, day, hour, listens, ms_known, unknown_ms from stats_day_hours where user_id = ${userId}`,
      )} as hours`,
  );
  return Object.fromEntries(Object.entries(row!).map(([key, value]) => [key, Number(value)]));
}
