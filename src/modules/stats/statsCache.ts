import type { Cache } from "../../platform/cache/cache.js";
import type { WindowSignature } from "./statsCache.repository.js";

/**
 * Keys are exact for the user's own writes, so the TTL mostly bounds memory held by superseded
 * versions. It is also the bound on the staleness the key cannot see, from the shared catalog: a
 * play without its own length counts its track's CURRENT duration, and a duration learned later
 * (through another user's listen or an import) changes this user's msPlayed without bumping their
 * stats_version; and a top list keeps its items' catalog rows (names, ids, duration), which the
 * catalog may fill in meanwhile.
 */
export const STATS_CACHE_TTL_MS = 15 * 60 * 1000;

/** The window a stat is computed over, in the user's zone, resolved at `now` (a StatsScope). */
export type CachedWindow = { userId: string; timezone: string; from: Date | null; to: Date; now: Date };

/** Formatters by zone: building one costs ~0.1 ms, more than the cache hit it serves. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date, timezone: string): string {
  let format = dateFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" });
    if (dateFormats.size > 1000) dateFormats.clear(); // zones are a few hundred names; never grows unbounded
    dateFormats.set(timezone, format);
  }
  return format.format(instant);
}

/**
 * What besides the window's listens a stat depends on: activity lists every local bucket
 * touching [from, to), empty ones too, so it depends on the local dates of both ends; streaks
 * depend on "today". Dates are enough: a bucket (day, week, month, year) is a function of the date.
 */
function calendarPart(stat: string, window: CachedWindow & { from: Date }): string {
  if (stat === "activity") return `${localDate(window.from, window.timezone)}..${localDate(new Date(window.to.getTime() - 1), window.timezone)}`;
  if (stat === "streaks") return `today=${localDate(window.now, window.timezone)}`;
  return "";
}

/** Arguments in a stable order, so {first, rankBy} and {rankBy, first} are one key. */
function argsPart(args: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(args).sort().map((key) => [key, args[key]]));
}

export function statsCacheKey(stat: string, window: CachedWindow & { from: Date }, signature: WindowSignature, args: Record<string, unknown>): string {
  const listens = signature.firstAt === null ? "empty" : `${signature.firstAt}-${signature.lastAt}`;
  return [
    "stats",
    window.userId,
    `v${signature.version}`,
    stat,
    window.timezone,
    listens,
    calendarPart(stat, window),
    argsPart(args),
  ].join(":");
}

/**
 * A stat through the cache: keyed by the user's stats_version and the exact set of listens in
 * the window (the signature read with the window, statsCache.repository.ts), so a write in any
 * instance is seen by the next read in every instance. With the cache off, no signature, or an
 * empty window, it computes directly.
 */
export async function cachedStat<T>(
  cache: Cache,
  stat: string,
  window: CachedWindow & { signature: WindowSignature | null },
  args: Record<string, unknown>,
  computeFromDb: () => Promise<T>,
): Promise<T> {
  const { from, signature } = window;
  if (!cache.enabled || !from || !signature) return computeFromDb();
  return cache.getOrCompute(statsCacheKey(stat, { ...window, from }, signature, args), STATS_CACHE_TTL_MS, computeFromDb);
}
