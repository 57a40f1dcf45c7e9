import { type SQL, sql } from "drizzle-orm";

/** A window and the zone its local calendar is read in; `allTime` when it holds every listen. */
export type StatsWindow = { userId: string; timezone: string; from: Date; to: Date; allTime?: boolean };

/**
 * The CTEs every stat reads, exact for any [from, to): whole local MONTHS come from
 * stats_month_tracks, the remaining whole local DAYS from stats_day_tracks / stats_day_hours,
 * and the partial days at either edge from raw listens (listens_user_played_at_idx). `bounds`
 * (one row, evaluated once) splits the window; a window inside one local day is all raw.
 *
 * - track_counts(track_id, listens, ms, artist_id, album_id): per track in the window; a play
 *   without its own length lasts the track's current duration, else 0; artist = PRIMARY artist.
 * - day_facts(day, hour, listens, ms): per local day and hour (rows with listens 0 only add ms).
 */
export function factCtes(w: StatsWindow): SQL {
  const { userId, timezone: tz } = w;
  const from = sql`${w.from.toISOString()}::timestamptz`;
  const to = sql`${w.to.toISOString()}::timestamptz`;
  const b = (column: string) => sql.raw(`(select ${column} from bounds)`);
  const trackRollups = w.allTime
    ? sql`select track_id, listens, ms_known, unknown_ms from stats_track_totals where user_id = ${userId}`
    : sql`select track_id, listens, ms_known, unknown_ms from stats_month_tracks
            where user_id = ${userId} and month >= ${b("m1")} and month < ${b("m2")}
          union all
          select track_id, listens, ms_known, unknown_ms from stats_day_tracks
            where user_id = ${userId} and day >= ${b("a1")} and day < ${b("a2")}
          union all
          select track_id, listens, ms_known, unknown_ms from stats_day_tracks
            where user_id = ${userId} and day >= ${b("b1")} and day < ${b("b2")}
          union all
          select track_id, 1, coalesce(ms_played, 0), (ms_played is null)::int from raw_edges`;
  return sql`edges as (
      select case when lf = date_trunc('day', lf) then lf::date else lf::date + 1 end as d1, lt::date as d2
      from (select ${from} at time zone ${tz} as lf, ${to} at time zone ${tz} as lt) x),
    months as (
      select d1, d2, d1 < d2 as whole_days,
             case when d1 = date_trunc('month', d1) then d1 else (date_trunc('month', d1) + interval '1 month')::date end as m1,
             date_trunc('month', d2)::date as m2
      from edges),
    bounds as (
      select
        case when whole_days then d1::timestamp at time zone ${tz} else ${to} end as a_end,
        case when whole_days then d2::timestamp at time zone ${tz} else ${to} end as b_start,
        case when whole_days then d1 else d2 end as h1, d2 as h2,
        case when whole_days and m1 < m2 then m1 else d2 end as m1,
        case when whole_days and m1 < m2 then m2 else d2 end as m2,
        case when whole_days then d1 else d2 end as a1,
        case when whole_days and m1 < m2 then m1 else d2 end as a2,
        case when whole_days and m1 < m2 then m2 else d2 end as b1,
        d2 as b2
      from months),
    raw_edges as (
      select played_at, played_at at time zone ${tz} as local_at, track_id, ms_played from listens
        where user_id = ${userId} and counted and played_at >= ${from} and played_at < ${b("a_end")}
      union all
      select played_at, played_at at time zone ${tz} as local_at, track_id, ms_played from listens
        where user_id = ${userId} and counted and played_at >= ${b("b_start")} and played_at < ${to}),
    track_counts as (
      select c.track_id, c.listens, (c.ms_known + c.unknown_ms * coalesce(t.duration_ms, 0))::float8 as ms,
             t.primary_artist_id as artist_id, t.album_id
      from (select track_id, sum(listens)::int as listens, sum(ms_known) as ms_known, sum(unknown_ms) as unknown_ms
            from (${trackRollups}) f group by track_id) c
      join tracks t on t.id = c.track_id),
    day_facts as (
      select day, hour::int as hour, listens, ms_known::float8 as ms from stats_day_hours
        where user_id = ${userId} and day >= ${b("h1")} and day < ${b("h2")}
      union all
      select e.local_at::date, extract(hour from e.local_at)::int, 1, coalesce(e.ms_played, t.duration_ms, 0)::float8
        from raw_edges e join tracks t on t.id = e.track_id
      union all
      -- rolled-up plays without their own length last their track's current duration: looked up
      -- only when the rolled-up days hold any (one-time gate), so sources that report lengths never pay
      select (l.played_at at time zone ${tz})::date, extract(hour from l.played_at at time zone ${tz})::int, 0, t.duration_ms::float8
        from listens l join tracks t on t.id = l.track_id
        where l.user_id = ${userId} and l.counted and l.ms_played is null and t.duration_ms is not null
          and l.played_at >= ${b("a_end")} and l.played_at < ${b("b_start")}
          and exists (select 1 from stats_day_hours where user_id = ${userId} and day >= ${b("h1")} and day < ${b("h2")} and unknown_ms > 0))`;
}
