import { type SQL, sql } from "drizzle-orm";
import { type Executor, selectRows } from "../../db/client.js";

/** A window and the zone its local calendar is read in; `allTime` when it holds every listen. */
export type StatsWindow = { userId: string; timezone: string; from: Date; to: Date; allTime?: boolean };

/**
 * How a window splits (local dates as YYYY-MM-DD, [start, end) pairs, empty when start = end):
 * raw listens in [from, aEnd) and [bStart, to); whole months [m1, m2); whole days [a1, a2) and
 * [b1, b2) outside them; day/hour rollups for every whole day [h1, h2).
 */
export type WindowSplit = {
  aEnd: Date;
  bStart: Date;
  h1: string;
  h2: string;
  m1: string;
  m2: string;
  a1: string;
  a2: string;
  b1: string;
  b2: string;
};

/**
 * Splits the window along the user's local calendar, in SQL (one zone database for writes and
 * reads). Its own round trip, so the stat's statement gets literal bounds and good row estimates.
 */
export async function splitWindow(db: Executor, w: StatsWindow): Promise<WindowSplit> {
  const tz = w.timezone;
  const from = sql`${w.from.toISOString()}::timestamptz`;
  const to = sql`${w.to.toISOString()}::timestamptz`;
  const [row] = await selectRows<Record<string, string | Date>>(
    db,
    sql`with edges as (
          select case when lf = date_trunc('day', lf) then lf::date else lf::date + 1 end as d1, lt::date as d2
          from (select ${from} at time zone ${tz} as lf, ${to} at time zone ${tz} as lt) x),
        months as (
          select d1, d2, d1 < d2 as whole_days,
                 case when d1 = date_trunc('month', d1) then d1 else (date_trunc('month', d1) + interval '1 month')::date end as m1,
                 date_trunc('month', d2)::date as m2
          from edges),
        split as (
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
          from months)
        select a_end, b_start, to_char(h1, 'YYYY-MM-DD') as h1, to_char(h2, 'YYYY-MM-DD') as h2,
               to_char(m1, 'YYYY-MM-DD') as m1, to_char(m2, 'YYYY-MM-DD') as m2, to_char(a1, 'YYYY-MM-DD') as a1,
               to_char(a2, 'YYYY-MM-DD') as a2, to_char(b1, 'YYYY-MM-DD') as b1, to_char(b2, 'YYYY-MM-DD') as b2
        from split`,
  );
  const text = (key: string) => String(row![key]);
  return {
    aEnd: new Date(row!.a_end!),
    bStart: new Date(row!.b_start!),
    h1: text("h1"),
    h2: text("h2"),
    m1: text("m1"),
    m2: text("m2"),
    a1: text("a1"),
    a2: text("a2"),
    b1: text("b1"),
    b2: text("b2"),
  };
}

const unionAll = (parts: SQL[], empty: SQL): SQL => (parts.length === 0 ? empty : sql.join(parts, sql` union all `));
const instant = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/**
 * The CTEs every stat reads, exact for any [from, to): whole local MONTHS from
 * stats_month_tracks, the remaining whole local DAYS from stats_day_tracks / stats_day_hours,
 * the partial days at either edge from raw listens (listens_user_played_at_idx); ALL_TIME reads
 * stats_track_totals. Empty parts are left out of the statement.
 *
 * - track_counts(track_id, listens, ms, artist_id, album_id): per track in the window; a play
 *   without its own length lasts the track's current duration, else 0; artist = PRIMARY artist.
 * - day_facts(day, hour, listens, ms): per local day and hour (rows with listens 0 only add ms).
 */
export function factCtes(w: StatsWindow, s: WindowSplit): SQL {
  const { userId, timezone: tz } = w;
  const rawParts: SQL[] = [];
  const rawSelect = (start: Date, end: Date) =>
    sql`select played_at at time zone ${tz} as local_at, track_id, ms_played from listens
        where user_id = ${userId} and counted and played_at >= ${instant(start)} and played_at < ${instant(end)}`;
  if (w.from < s.aEnd) rawParts.push(rawSelect(w.from, s.aEnd));
  if (s.bStart < w.to) rawParts.push(rawSelect(s.bStart, w.to));
  const noRaw = sql`select null::timestamp as local_at, null::uuid as track_id, null::int as ms_played where false`;

  const trackParts: SQL[] = [];
  if (w.allTime) {
    trackParts.push(sql`select track_id, listens, ms_known, unknown_ms from stats_track_totals where user_id = ${userId}`);
  } else {
    if (s.m1 < s.m2) {
      trackParts.push(sql`select track_id, listens, ms_known, unknown_ms from stats_month_tracks
        where user_id = ${userId} and month >= ${s.m1}::date and month < ${s.m2}::date`);
    }
    for (const [start, end] of [[s.a1, s.a2], [s.b1, s.b2]] as const) {
      if (start < end) {
        trackParts.push(sql`select track_id, listens, ms_known, unknown_ms from stats_day_tracks
          where user_id = ${userId} and day >= ${start}::date and day < ${end}::date`);
      }
    }
    if (rawParts.length > 0) {
      trackParts.push(sql`select track_id, 1, coalesce(ms_played, 0)::bigint, (ms_played is null)::int from raw_edges`);
    }
  }
  const noTracks = sql`select null::uuid, 0, 0::bigint, 0 where false`;

  // a play without its own length inside the edges lasts its track's duration (one lookup each)
  const edgeMs = sql`coalesce(e.ms_played, (select t.duration_ms from tracks t where t.id = e.track_id), 0)::float8`;
  const dayParts: SQL[] = [];
  if (s.h1 < s.h2) {
    const wholeDays = sql`user_id = ${userId} and day >= ${s.h1}::date and day < ${s.h2}::date`;
    dayParts.push(sql`select day, hour::int as hour, listens, ms_known::float8 as ms from stats_day_hours where ${wholeDays}`);
    // rolled-up plays without their own length last their track's current duration: looked up only
    // when the whole days hold any (one-time gate), so sources that report lengths never pay
    dayParts.push(sql`select (l.played_at at time zone ${tz})::date, extract(hour from l.played_at at time zone ${tz})::int, 0,
          t.duration_ms::float8
        from listens l join tracks t on t.id = l.track_id
        where l.user_id = ${userId} and l.counted and l.ms_played is null and t.duration_ms is not null
          and l.played_at >= ${instant(s.aEnd)} and l.played_at < ${instant(s.bStart)}
          and exists (select 1 from stats_day_hours where ${wholeDays} and unknown_ms > 0)`);
  }
  if (rawParts.length > 0) {
    dayParts.push(sql`select e.local_at::date, extract(hour from e.local_at)::int, 1, ${edgeMs} from raw_edges e`);
  }
  const noDays = sql`select null::date, 0, 0, 0::float8 where false`;

  return sql`raw_edges as (${unionAll(rawParts, noRaw)}),
    track_counts as (
      select c.track_id, c.listens, (c.ms_known + c.unknown_ms * coalesce(t.duration_ms, 0))::float8 as ms,
             t.primary_artist_id as artist_id, t.album_id
      from (select track_id, sum(listens)::int as listens, sum(ms_known) as ms_known, sum(unknown_ms) as unknown_ms
            from (${unionAll(trackParts, noTracks)}) f (track_id, listens, ms_known, unknown_ms) group by track_id) c
      join tracks t on t.id = c.track_id),
    day_facts (day, hour, listens, ms) as (${unionAll(dayParts, noDays)})`;
}
