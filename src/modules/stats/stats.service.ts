import type { Database } from "../../db/client.js";
import type { UserRow } from "../../db/schema.js";
import type { Cache } from "../../platform/cache/cache.js";
import { badUserInput } from "../../platform/errors.js";
import type { Viewer } from "../auth/viewer.js";
import { canViewHistory } from "../user/user.policy.js";
import { Granularity } from "./granularity.enum.js";
import type { RankedItem } from "./itemCount.type.js";
import { type ActivityUnit, type CountRow, type RankKey, statsRepository, type StatsWindow } from "./stats.repository.js";
import { RangePreset, type StatsRangeInput } from "./statsRange.input.js";
import { lastDaysWindow, parseStatsRange } from "./statsRange.js";
import { StatsRanking } from "./statsRanking.enum.js";
import type { StatsScope } from "./statsScope.js";
import { cachedStat, localDate } from "./statsCache.js";
import { resolveWindow, type WindowSignature } from "./statsCache.repository.js";

export const TOP_MAX = 100;

/** Every stat the service computes: the names the cache keys by. */
export type StatName =
  | "totals"
  | "topArtists"
  | "topTracks"
  | "topAlbums"
  | "newArtists"
  | "listeningClock"
  | "activity"
  | "streaks";

export type StatsServiceDeps = { db: Database; cache?: Cache };

const ACTIVITY_UNITS: Record<Granularity, ActivityUnit> = {
  [Granularity.DAY]: "day",
  [Granularity.WEEK]: "week",
  [Granularity.MONTH]: "month",
  [Granularity.YEAR]: "year",
};

/**
 * Statistics: visibility, range resolution and the stats themselves. Every stat goes through
 * `compute`, the one place a cache wraps (keyed by user, stat, resolved range and arguments).
 */
export class StatsService {
  constructor(private readonly deps: StatsServiceDeps) {}

  /** The stats root for `owner` over `input`, or null when the viewer may not see their history. */
  async scopeFor(viewer: Viewer | null, owner: UserRow, input: StatsRangeInput, now = new Date()): Promise<StatsScope | null> {
    if (!canViewHistory(viewer, owner)) return null;
    const request = parseStatsRange(input, now);
    const { db, cache } = this.deps;
    const tz = owner.timezone;
    const withSignature = cache?.enabled ?? false;
    let from: Date | null;
    let to = now;
    let signature: WindowSignature | null = null;
    switch (request.kind) {
      case "window":
      case "last": {
        ({ from, to } = request.kind === "window" ? request : lastDaysWindow(request.days, now));
        if (withSignature) signature = (await resolveWindow(db, owner.id, { at: from }, to))?.signature ?? null;
        break;
      }
      case "calendar": {
        const resolved = await resolveWindow(db, owner.id, { calendar: request.unit, now, timezone: tz }, now);
        from = resolved?.from ?? now;
        signature = resolved?.signature ?? null;
        break;
      }
      case "allTime": {
        const resolved = await resolveWindow(db, owner.id, { firstListen: true }, null);
        from = resolved?.from ?? null;
        const last = resolved?.last;
        if (last && last.getTime() >= now.getTime()) to = new Date(last.getTime() + 1);
        signature = resolved?.signature ?? null;
        break;
      }
    }
    if (!withSignature) signature = null;
    return { userId: owner.id, timezone: tz, preset: input.preset ?? null, from, to, now, range: { from, to }, signature };
  }

  /**
   * Computes one stat: the single seam for caching. Through deps.cache (when given) under a key of
   * the user's stats_version, the window's exact listens and `args` (see statsCache.ts);
   * `computeFromDb` reads the database.
   */
  compute<T>(scope: StatsScope, stat: StatName, args: Record<string, unknown>, computeFromDb: () => Promise<T>): Promise<T> {
    if (!this.deps.cache) return computeFromDb();
    return cachedStat(this.deps.cache, stat, scope, args, computeFromDb);
  }

  totals(scope: StatsScope) {
    return this.stat(scope, "totals", {}, (w) => statsRepository.totals(this.deps.db, w), {
      listens: 0,
      msPlayed: 0,
      distinctTracks: 0,
      distinctArtists: 0,
      distinctAlbums: 0,
      activeDays: 0,
    });
  }

  topArtists(scope: StatsScope, first: number, rankBy: StatsRanking): Promise<RankedItem[]> {
    return this.top(scope, "topArtists", first, rankBy, statsRepository.topArtists);
  }

  topTracks(scope: StatsScope, first: number, rankBy: StatsRanking): Promise<RankedItem[]> {
    return this.top(scope, "topTracks", first, rankBy, statsRepository.topTracks);
  }

  topAlbums(scope: StatsScope, first: number, rankBy: StatsRanking): Promise<RankedItem[]> {
    return this.top(scope, "topAlbums", first, rankBy, statsRepository.topAlbums);
  }

  newArtists(scope: StatsScope, first: number, rankBy: StatsRanking): Promise<RankedItem[]> {
    return this.top(scope, "newArtists", first, rankBy, statsRepository.newArtists);
  }

  /** All 7 × 24 cells, Monday 00h first; empty cells are zeros. */
  async listeningClock(scope: StatsScope) {
    const cells = await this.stat(scope, "listeningClock", {}, (w) => statsRepository.clock(this.deps.db, w), []);
    const byCell = new Map(cells.map((cell) => [cell.weekday * 24 + cell.hour, cell]));
    return Array.from({ length: 7 * 24 }, (_, index) => {
      const cell = byCell.get(index);
      return { weekday: Math.floor(index / 24), hour: index % 24, listens: cell?.listens ?? 0, msPlayed: cell?.msPlayed ?? 0 };
    });
  }

  activity(scope: StatsScope, granularity: Granularity) {
    const unit = ACTIVITY_UNITS[granularity];
    return this.stat(scope, "activity", { granularity }, (w) => statsRepository.activity(this.deps.db, w, unit), []);
  }

  streaks(scope: StatsScope) {
    // "current" depends on the local date of `now`, so it is part of the key
    const today = localDate(scope.now, scope.timezone);
    return this.stat(scope, "streaks", { today }, (w) => statsRepository.streaks(this.deps.db, w, scope.now), {
      longestDays: 0,
      longestStart: null,
      currentDays: 0,
    });
  }

  private top(
    scope: StatsScope,
    stat: StatName,
    first: number,
    rankBy: StatsRanking,
    query: (db: Database, w: StatsWindow, rankKey: RankKey, limit: number) => Promise<CountRow[]>,
  ): Promise<RankedItem[]> {
    if (!Number.isInteger(first) || first < 1 || first > TOP_MAX) throw badUserInput("first", `must be between 1 and ${TOP_MAX}`);
    const rankKey: RankKey = rankBy === StatsRanking.TIME_LISTENED ? "msPlayed" : "listens";
    return this.stat(
      scope,
      stat,
      { first, rankBy },
      async (w) => (await query(this.deps.db, w, rankKey, first)).map((row, index) => ({ rank: index + 1, ...row })),
      [],
    );
  }

  /** Runs a stat through `compute`; a range without a start (ALL_TIME, no listens) is empty. */
  private stat<T>(scope: StatsScope, stat: StatName, args: Record<string, unknown>, query: (w: StatsWindow) => Promise<T>, empty: T): Promise<T> {
    const { from } = scope;
    if (!from) return Promise.resolve(empty);
    const allTime = scope.preset === RangePreset.ALL_TIME; // the window holds every listen: all-time rollups
    const window: StatsWindow = { userId: scope.userId, timezone: scope.timezone, from, to: scope.to, allTime };
    return this.compute(scope, stat, args, () => query(window));
  }
}
