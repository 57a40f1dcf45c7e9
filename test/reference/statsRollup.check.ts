import { type SQL, sql } from "drizzle-orm";
import { type Executor, selectRows } from "../../src/db/client.js";

/**
 * Rows in which the user's stats rollups differ from a fresh GROUP BY over their listens, per
 * table (all zeros when the incremental maintenance is exact). ms as known now: the play's own
 * length, else the track's current duration, else 0 (unknown_ms counts those).
 */
export async function rollupDrift(db: Executor, userId: string): Promise<Record<string, number>> {
  const facts = sql`select l.user_id, l.track_id, t.primary_artist_id as artist_id, t.album_id, l.played_at,
      l.played_at at time zone u.timezone as local_at,
      coalesce(l.ms_played, t.duration_ms, 0)::bigint as ms_known, (l.ms_played is null and t.duration_ms is null)::int as unknown_ms
    from listens l join users u on u.id = l.user_id join tracks t on t.id = l.track_id where l.user_id = ${userId} and l.counted`;
  const measures = sql`count(*)::int, sum(ms_known)::bigint, sum(unknown_ms)::int`;
  const month = sql`date_trunc('month', local_at)::date`;
  const diff = (expected: SQL, actual: SQL) =>
    sql`(select count(*)::int from ((${expected} except ${actual}) union all (${actual} except ${expected})) d)`;
  const table = (name: string, keys: string) =>
    sql`select user_id, ${sql.raw(keys)}, listens, ms_known, unknown_ms from ${sql.raw(name)} where user_id = ${userId}`;
  const [row] = await selectRows<Record<string, number>>(
    db,
    sql`with facts as (${facts}) select
      ${diff(sql`select user_id, track_id, ${measures} from facts group by 1, 2`, table("stats_track_totals", "track_id"))} as totals,
      ${diff(
        sql`select user_id, artist_id, ${measures}, min(played_at) from facts group by 1, 2`,
        sql`select user_id, artist_id, listens, ms_known, unknown_ms, first_at from stats_artist_totals where user_id = ${userId}`,
      )} as artists,
      ${diff(sql`select user_id, album_id, ${measures} from facts where album_id is not null group by 1, 2`, table("stats_album_totals", "album_id"))} as albums,
      ${diff(sql`select user_id, ${month}, track_id, ${measures} from facts group by 1, 2, 3`, table("stats_month_tracks", "month, track_id"))} as months,
      ${diff(sql`select user_id, ${month}, artist_id, ${measures} from facts group by 1, 2, 3`, table("stats_month_artists", "month, artist_id"))} as month_artists,
      ${diff(
        sql`select user_id, ${month}, album_id, ${measures} from facts where album_id is not null group by 1, 2, 3`,
        table("stats_month_albums", "month, album_id"),
      )} as month_albums,
      ${diff(sql`select user_id, local_at::date, ${measures} from facts group by 1, 2`, table("stats_days", "day"))} as days,
      ${diff(
        sql`select user_id, local_at::date, extract(hour from local_at)::smallint, ${measures} from facts group by 1, 2, 3`,
        table("stats_day_hours", "day, hour"),
      )} as hours,
      ${diff(
        sql`select user_id, ${month}, (extract(isodow from local_at) - 1)::smallint, extract(hour from local_at)::smallint, ${measures}
            from facts group by 1, 2, 3, 4`,
        table("stats_month_clock", "month, weekday, hour"),
      )} as clock`,
  );
  return Object.fromEntries(Object.entries(row!).map(([key, value]) => [key, Number(value)]));
}

/** What rollupDrift returns when the rollups are exact. */
export const NO_DRIFT = { totals: 0, artists: 0, albums: 0, months: 0, month_artists: 0, month_albums: 0, days: 0, hours: 0, clock: 0 };
