import { type SQL, sql } from "drizzle-orm";
import { type Executor, selectRows } from "../../db/client.js";

/** A window and the zone its local calendar is read in; `allTime` when it holds every listen. */
export type StatsWindow = { userId: string; timezone: string; from: Date; to: Date; allTime?: boolean };

/**
 * How a window splits (local dates as YYYY-MM-DD, [start, end) pairs, empty when start = end):
 * whole months [m1, m2) = instants [mStart, mEnd) (both `to` without a whole month); whole days
 * [h1, h2) = instants [aEnd, bStart), of which [a1, a2) and [b1, b2) lie outside the months; raw
 * listens fill the partial days [from, aEnd) and [bStart, to).
 */
export type WindowSplit = {
  aEnd: Date;
  bStart: Date;
  mStart: Date;
  mEnd: Date;
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
            case when whole_days and m1 < m2 then m1::timestamp at time zone ${tz} else ${to} end as m_start,
            case when whole_days and m1 < m2 then m2::timestamp at time zone ${tz} else ${to} end as m_end,
            case when whole_days then d1 else d2 end as h1, d2 as h2,
            case when whole_days and m1 < m2 then m1 else d2 end as m1,
            case when whole_days and m1 < m2 then m2 else d2 end as m2,
            case when whole_days then d1 else d2 end as a1,
            case when whole_days and m1 < m2 then m1 else d2 end as a2,
            case when whole_days and m1 < m2 then m2 else d2 end as b1,
            d2 as b2
          from months)
        select a_end, b_start, m_start, m_end, to_char(h1, 'YYYY-MM-DD') as h1, to_char(h2, 'YYYY-MM-DD') as h2,
               to_char(m1, 'YYYY-MM-DD') as m1, to_char(m2, 'YYYY-MM-DD') as m2, to_char(a1, 'YYYY-MM-DD') as a1,
               to_char(a2, 'YYYY-MM-DD') as a2, to_char(b1, 'YYYY-MM-DD') as b1, to_char(b2, 'YYYY-MM-DD') as b2
        from split`,
  );
  const text = (key: string) => String(row![key]);
  return {
    aEnd: new Date(row!.a_end!),
    bStart: new Date(row!.b_start!),
    mStart: new Date(row!.m_start!),
    mEnd: new Date(row!.m_end!),
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

const instant = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** Non-empty [start, end) pairs of instants. */
const spans = (pairs: [Date, Date][]) => pairs.filter(([start, end]) => start.getTime() < end.getTime());
const dateSpans = (pairs: [string, string][]) => pairs.filter(([start, end]) => start < end);

/** `parts` joined by union all; `empty` (a typed, row-less select) when there are none. */
const unionAll = (parts: SQL[], empty: SQL): SQL => (parts.length === 0 ? empty : sql.join(parts, sql` union all `));

/**
 * Counted raw listens of the user in the given spans, with what every stat needs of them:
 * local_at, track_id, artist_id (primary), album_id, ms (own length, else the track's duration,
 * else 0). The track is looked up per listen (LATERAL … OFFSET 0 keeps the planner from hashing
 * the whole catalog for a few thousand listens).
 */
export function rawListens(w: StatsWindow, ranges: [Date, Date][]): SQL | null {
  const parts = spans(ranges);
  if (parts.length === 0) return null;
  const inSpans = sql.join(
    parts.map(([start, end]) => sql`(l.played_at >= ${instant(start)} and l.played_at < ${instant(end)})`),
    sql` or `,
  );
  return sql`select l.played_at at time zone ${w.timezone} as local_at, l.track_id, t.primary_artist_id as artist_id, t.album_id,
      coalesce(l.ms_played, t.duration_ms, 0)::bigint as ms
    from listens l
    cross join lateral (select primary_artist_id, album_id, duration_ms from tracks where id = l.track_id offset 0) t
    where l.user_id = ${w.userId} and l.counted and (${inSpans})`;
}

/** The spans itemCounts reads from raw listens: the window outside its whole months. */
export const itemRawSpans = (w: StatsWindow, s: WindowSplit): [Date, Date][] => [
  [w.from, s.mStart],
  [s.mEnd, w.to],
];

/** The spans day and hour stats read from raw listens: the partial days at both edges. */
const dayRawSpans = (w: StatsWindow, s: WindowSplit): [Date, Date][] => [
  [w.from, s.aEnd],
  [s.bStart, w.to],
];

export type ItemGrain = "track" | "artist" | "album";
const GRAINS: Record<ItemGrain, { totals: string; months: string; column: string }> = {
  track: { totals: "stats_track_totals", months: "stats_month_tracks", column: "track_id" },
  artist: { totals: "stats_artist_totals", months: "stats_month_artists", column: "artist_id" },
  album: { totals: "stats_album_totals", months: "stats_month_albums", column: "album_id" },
};

/**
 * Listens and ms per item (id, listens, ms) in the window, one row per item: ALL_TIME from the
 * all-time rollup, otherwise whole local months from the month rollup plus raw listens for the
 * rest (at most two partial months). Albums leave out tracks without one. `raw` names a relation
 * holding rawListens(w, itemRawSpans(w, s)) when several counts of one statement share it.
 */
export function itemCounts(w: StatsWindow, s: WindowSplit, grain: ItemGrain, raw?: SQL): SQL {
  const { totals, months, column } = GRAINS[grain];
  if (w.allTime) {
    return sql`select ${sql.raw(column)} as id, listens, ms_known as ms from ${sql.raw(totals)} where user_id = ${w.userId}`;
  }
  const parts: SQL[] = [];
  if (s.m1 < s.m2) {
    parts.push(sql`select ${sql.raw(column)} as id, listens, ms_known as ms from ${sql.raw(months)}
      where user_id = ${w.userId} and month >= ${s.m1}::date and month < ${s.m2}::date`);
  }
  const rawSource = raw ?? rawListens(w, itemRawSpans(w, s));
  if (rawSource) {
    const from = raw ?? sql`(${rawSource})`;
    parts.push(sql`select r.${sql.raw(column)}, 1, r.ms from ${from} r${grain === "album" ? sql` where r.album_id is not null` : sql``}`);
  }
  const empty = sql`select null::uuid, 0, 0::bigint where false`;
  return sql`select id, sum(listens)::int as listens, sum(ms)::bigint as ms
    from (${unionAll(parts, empty)}) f (id, listens, ms) group by id`;
}

/** Counted listens per local day (day, listens, ms), several rows per day possible. */
export function dayCounts(w: StatsWindow, s: WindowSplit): SQL {
  if (w.allTime) return sql`select day, listens, ms_known as ms from stats_days where user_id = ${w.userId}`;
  const parts: SQL[] = [];
  if (s.h1 < s.h2) {
    parts.push(sql`select day, listens, ms_known from stats_days where user_id = ${w.userId} and day >= ${s.h1}::date and day < ${s.h2}::date`);
  }
  const raw = rawListens(w, dayRawSpans(w, s));
  if (raw) parts.push(sql`select r.local_at::date, 1, r.ms from (${raw}) r`);
  return sql`select * from (${unionAll(parts, sql`select null::date, 0, 0::bigint where false`)}) f (day, listens, ms)`;
}

/** Counted listens per (ISO weekday − 1, local hour) cell (weekday, hour, listens, ms), several rows per cell possible. */
export function clockCounts(w: StatsWindow, s: WindowSplit): SQL {
  if (w.allTime) return sql`select weekday, hour, listens, ms_known as ms from stats_month_clock where user_id = ${w.userId}`;
  const parts: SQL[] = [];
  if (s.m1 < s.m2) {
    parts.push(sql`select weekday, hour, listens, ms_known from stats_month_clock
      where user_id = ${w.userId} and month >= ${s.m1}::date and month < ${s.m2}::date`);
  }
  for (const [start, end] of dateSpans([
    [s.a1, s.a2],
    [s.b1, s.b2],
  ])) {
    parts.push(sql`select (extract(isodow from day) - 1)::smallint, hour, listens, ms_known from stats_day_hours
      where user_id = ${w.userId} and day >= ${start}::date and day < ${end}::date`);
  }
  const raw = rawListens(w, dayRawSpans(w, s));
  if (raw) parts.push(sql`select (extract(isodow from r.local_at) - 1)::smallint, extract(hour from r.local_at)::smallint, 1, r.ms from (${raw}) r`);
  return sql`select * from (${unionAll(parts, sql`select 0::smallint, 0::smallint, 0, 0::bigint where false`)}) f (weekday, hour, listens, ms)`;
}
