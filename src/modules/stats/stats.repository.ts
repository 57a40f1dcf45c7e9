import { type SQL, sql } from "drizzle-orm";
import { type Executor, selectRows } from "../../db/client.js";
import { CATALOG_TABLES, type CatalogItem, catalogItemJson } from "../catalog/catalogItem.js";
import { clockCounts, dayCounts, type ItemGrain, itemCounts, itemRawSpans, rawListens, splitWindow, type StatsWindow } from "./statsFacts.sql.js";

export type { StatsWindow };
/** One ranked item with its measures and its catalog row (kept with a cached ranking: no look-up on a hit). */
export type CountRow<Item extends CatalogItem = CatalogItem> = { id: string; listens: number; msPlayed: number; item: Item };
export type RankKey = "listens" | "msPlayed";
export type ActivityUnit = "day" | "week" | "month" | "year";

/** Ties: the other measure, then the name in byte order (identical on every collation), then id. */
function rankOrder(rankBy: RankKey, name: SQL): SQL {
  return rankBy === "listens"
    ? sql`listens desc, ms desc, ${name} collate "C" asc, id asc`
    : sql`ms desc, listens desc, ${name} collate "C" asc, id asc`;
}

/** The catalog table (aliased n) of a ranked item: its name is the last tie-break, its row comes with the ranking. */
type ItemSource = { join: SQL; name: SQL; item: SQL };
const source = (grain: keyof typeof CATALOG_TABLES, name: string): ItemSource => ({
  join: sql`${CATALOG_TABLES[grain]} n on n.id = c.id`,
  name: sql.raw(`n.${name}`),
  item: catalogItemJson(CATALOG_TABLES[grain], "n"),
});
const NAMES = { artist: source("artist", "name"), track: source("track", "title"), album: source("album", "title") };

/**
 * The first `limit` items of `counts` (id, listens, ms; one row per item) in rank order, with
 * their catalog rows. Names are only needed to break ties, so the catalog is joined for the items
 * at or above the limit-th item's measures, not for every item in the window. `counts` is an all-time rollup read as is
 * (ALL_TIME: for tracks by listens the cut and the candidates are ranges of its rank index,
 * otherwise a top-N sort of the user's rows finds the cut) or a window's grouped counts (computed
 * once, then a top-N sort finds the cut).
 */
async function ranked(db: Executor, w: StatsWindow, counts: SQL, rankBy: RankKey, limit: number, names: ItemSource): Promise<CountRow[]> {
  const [first, second] = rankBy === "listens" ? [sql`listens`, sql`ms`] : [sql`ms`, sql`listens`];
  // fewer than `limit` items: no cut, every item qualifies (measures are never negative)
  const cutA = sql`coalesce((select a from cut), -1)`;
  const cutB = sql`coalesce((select b from cut), -1)`;
  const rows = await selectRows<{ id: string; listens: number; ms: number; item: CatalogItem }>(
    db,
    sql`with counts as ${w.allTime ? sql`not materialized` : sql`materialized`} (${counts}),
        cut as (select ${first} as a, ${second} as b from counts order by 1 desc, 2 desc offset ${limit - 1} limit 1)
        select c.id, c.listens, c.ms::float8 as ms, ${names.item} as item from counts c join ${names.join}
        where c.${first} >= ${cutA} and (c.${first}, c.${second}) >= (${cutA}, ${cutB})
        order by ${rankOrder(rankBy, names.name)} limit ${limit}`,
  );
  return rows.map(toCount);
}

const toCount = (row: { id: string; listens: number; ms: number; item: CatalogItem }): CountRow => ({
  id: row.id,
  listens: Number(row.listens),
  msPlayed: Number(row.ms),
  item: row.item,
});

/** Statistics' SQL, and nothing else: every method is one statement over the rollups and edge listens (statsFacts.sql.ts). */
export const statsRepository = {
  /** Listens, ms and active days from the day grain; distinct items from the item grains (one raw read shared). */
  async totals(db: Executor, w: StatsWindow) {
    const s = await splitWindow(db, w);
    const raw = w.allTime ? null : rawListens(w, itemRawSpans(w, s));
    const shared = raw ? sql`raw` : undefined;
    const distinct = (grain: ItemGrain) => sql`(select count(*)::int from (${itemCounts(w, s, grain, shared)}) c)`;
    const [row] = await selectRows<Record<string, number>>(
      db,
      sql`with raw as materialized (${raw ?? sql`select null where false`}),
          days as materialized (${dayCounts(w, s)})
          select (select coalesce(sum(listens), 0)::int from days) as listens, (select coalesce(sum(ms), 0)::float8 from days) as ms,
                 (select count(distinct day)::int from days where listens > 0) as days,
                 ${distinct("track")} as tracks, ${distinct("artist")} as artists, ${distinct("album")} as albums`,
    );
    return {
      listens: Number(row!.listens),
      msPlayed: Number(row!.ms),
      distinctTracks: Number(row!.tracks),
      distinctArtists: Number(row!.artists),
      distinctAlbums: Number(row!.albums),
      activeDays: Number(row!.days),
    };
  },

  async topArtists(db: Executor, w: StatsWindow, rankBy: RankKey, limit: number): Promise<CountRow[]> {
    return ranked(db, w, itemCounts(w, await splitWindow(db, w), "artist"), rankBy, limit, NAMES.artist);
  },

  async topTracks(db: Executor, w: StatsWindow, rankBy: RankKey, limit: number): Promise<CountRow[]> {
    return ranked(db, w, itemCounts(w, await splitWindow(db, w), "track"), rankBy, limit, NAMES.track);
  },

  /** Listens of tracks without an album are left out. */
  async topAlbums(db: Executor, w: StatsWindow, rankBy: RankKey, limit: number): Promise<CountRow[]> {
    return ranked(db, w, itemCounts(w, await splitWindow(db, w), "album"), rankBy, limit, NAMES.album);
  },

  /**
   * Artists whose first-ever counted listen (of the user, stats_artist_totals.first_at) lies in
   * the window, with their listens in it. For ALL_TIME every artist is new by definition (the
   * window starts at the first listen). When no counted listen lies at or after the window's end
   * (a window ending now), a new artist's listens in the window are all of its listens: its
   * all-time row; otherwise they are counted in the window.
   */
  async newArtists(db: Executor, w: StatsWindow, rankBy: RankKey, limit: number): Promise<CountRow[]> {
    const counts = itemCounts(w, await splitWindow(db, w), "artist");
    if (w.allTime) return ranked(db, w, counts, rankBy, limit, NAMES.artist);
    const from = sql`${w.from.toISOString()}::timestamptz`;
    const to = sql`${w.to.toISOString()}::timestamptz`;
    const firstHeard = sql`user_id = ${w.userId} and first_at >= ${from} and first_at < ${to}`;
    const later = sql`exists (select 1 from listens where user_id = ${w.userId} and counted and played_at >= ${to})`;
    return ranked(
      db,
      w,
      sql`select artist_id as id, listens, ms_known as ms from stats_artist_totals where ${firstHeard} and not ${later}
        union all
        select c.* from (${counts}) c where ${later} and c.id in (select artist_id from stats_artist_totals where ${firstHeard})`,
      rankBy,
      limit,
      NAMES.artist,
    );
  },

  /** Non-empty (ISO weekday − 1, local hour) cells. */
  async clock(db: Executor, w: StatsWindow): Promise<{ weekday: number; hour: number; listens: number; msPlayed: number }[]> {
    const rows = await selectRows<{ weekday: number; hour: number; listens: number; ms: number }>(
      db,
      sql`select weekday, hour, sum(listens)::int as listens, sum(ms)::float8 as ms
          from (${clockCounts(w, await splitWindow(db, w))}) c group by 1, 2`,
    );
    return rows.map((row) => ({ weekday: Number(row.weekday), hour: Number(row.hour), listens: Number(row.listens), msPlayed: Number(row.ms) }));
  },

  /** Every local bucket touching [from, to), empty ones included, oldest first. */
  async activity(db: Executor, w: StatsWindow, unit: ActivityUnit): Promise<{ start: Date; listens: number; msPlayed: number }[]> {
    if (w.from.getTime() >= w.to.getTime()) return [];
    const tz = w.timezone;
    const rows = await selectRows<{ start: Date | string; listens: number; ms: number }>(
      db,
      sql`with buckets as (
            select generate_series(
              date_trunc(${unit}, ${w.from.toISOString()}::timestamptz at time zone ${tz}),
              date_trunc(${unit}, (${w.to.toISOString()}::timestamptz - interval '1 microsecond') at time zone ${tz}),
              ('1 ' || ${unit})::interval) as local_start),
          counts as (
            select date_trunc(${unit}, day::timestamp) as local_start, sum(listens)::int as listens, sum(ms)::float8 as ms
            from (${dayCounts(w, await splitWindow(db, w))}) d group by 1)
          select b.local_start at time zone ${tz} as start, coalesce(c.listens, 0)::int as listens, coalesce(c.ms, 0)::float8 as ms
          from buckets b left join counts c on c.local_start = b.local_start
          order by b.local_start`,
    );
    return rows.map((row) => ({ start: new Date(row.start), listens: Number(row.listens), msPlayed: Number(row.ms) }));
  },

  /**
   * Runs of consecutive local days with a counted listen in the window (gaps and islands):
   * the longest (earliest on a tie) and the one ending today or yesterday, local to `now`.
   */
  async streaks(db: Executor, w: StatsWindow, now: Date): Promise<{ longestDays: number; longestStart: Date | null; currentDays: number }> {
    const tz = w.timezone;
    const [row] = await selectRows<{ longest_days: number | null; longest_start: Date | string | null; current_days: number | null }>(
      db,
      sql`with active_days as (select distinct day from (${dayCounts(w, await splitWindow(db, w))}) d where listens > 0),
          runs as (
            select min(day) as first_day, max(day) as last_day, count(*)::int as length
            from (select day, day - (row_number() over (order by day))::int as island from active_days) d group by island),
          longest as (select first_day, length from runs order by length desc, first_day asc limit 1)
          select (select length from longest) as longest_days,
                 (select first_day::timestamp at time zone ${tz} from longest) as longest_start,
                 (select length from runs, (select (${now.toISOString()}::timestamptz at time zone ${tz})::date as today) t
                   where last_day >= today - 1 and first_day <= today order by last_day limit 1) as current_days`,
    );
    return {
      longestDays: Number(row?.longest_days ?? 0),
      longestStart: row?.longest_start ? new Date(row.longest_start) : null,
      currentDays: Number(row?.current_days ?? 0),
    };
  },
};
