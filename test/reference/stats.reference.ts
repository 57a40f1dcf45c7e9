import { DateTime } from "luxon";

/**
 * A straightforward in-memory statement of the stats rules, for property tests: every stat is
 * recomputed from the list of listens with luxon's calendar, independently of the SQL.
 */
export type RefListen = {
  playedAt: number;
  counted: boolean;
  msPlayed: number | null;
  track: { title: string; artist: string; album: string | null; durationMs: number | null };
};

export type RefCount = { name: string; listens: number; msPlayed: number };
export type RefUnit = "day" | "week" | "month" | "year";

const msOf = (listen: RefListen) => listen.msPlayed ?? listen.track.durationMs ?? 0;
const local = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone });
const dayKey = (ms: number, zone: string) => local(ms, zone).toISODate()!;

export function inRange(listens: RefListen[], from: number, to: number): RefListen[] {
  return listens.filter((listen) => listen.counted && listen.playedAt >= from && listen.playedAt < to);
}

export function startOf(unit: RefUnit, ms: number, zone: string): number {
  return local(ms, zone).startOf(unit).toMillis();
}

export function totals(listens: RefListen[], zone: string) {
  const distinct = (key: (listen: RefListen) => string | null) => new Set(listens.map(key).filter((value) => value !== null)).size;
  return {
    listens: listens.length,
    msPlayed: listens.reduce((sum, listen) => sum + msOf(listen), 0),
    distinctTracks: distinct((listen) => listen.track.title),
    distinctArtists: distinct((listen) => listen.track.artist),
    distinctAlbums: distinct((listen) => listen.track.album),
    activeDays: distinct((listen) => dayKey(listen.playedAt, zone)),
  };
}

/** Ranked by listens (or msPlayed), ties by the other measure, then name in code-unit order. */
export function top(listens: RefListen[], key: (listen: RefListen) => string | null, byTime: boolean): RefCount[] {
  const counts = new Map<string, RefCount>();
  for (const listen of listens) {
    const name = key(listen);
    if (name === null) continue;
    const count = counts.get(name) ?? { name, listens: 0, msPlayed: 0 };
    count.listens += 1;
    count.msPlayed += msOf(listen);
    counts.set(name, count);
  }
  const measures = (count: RefCount) => (byTime ? [count.msPlayed, count.listens] : [count.listens, count.msPlayed]);
  return [...counts.values()].sort((a, b) => {
    const [a1, a2] = measures(a);
    const [b1, b2] = measures(b);
    return b1! - a1! || b2! - a2! || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  });
}

/** Artists whose first counted listen ever lies in [from, to). */
export function newArtists(all: RefListen[], from: number, to: number, byTime: boolean): RefCount[] {
  const heardBefore = new Set(all.filter((listen) => listen.counted && listen.playedAt < from).map((listen) => listen.track.artist));
  return top(
    inRange(all, from, to).filter((listen) => !heardBefore.has(listen.track.artist)),
    (listen) => listen.track.artist,
    byTime,
  );
}

export function clock(listens: RefListen[], zone: string) {
  const cells = Array.from({ length: 168 }, (_, index) => ({ weekday: Math.floor(index / 24), hour: index % 24, listens: 0, msPlayed: 0 }));
  for (const listen of listens) {
    const at = local(listen.playedAt, zone);
    const cell = cells[(at.weekday - 1) * 24 + at.hour]!;
    cell.listens += 1;
    cell.msPlayed += msOf(listen);
  }
  return cells;
}

export function activity(listens: RefListen[], from: number, to: number, unit: RefUnit, zone: string) {
  const buckets: { start: number; listens: number; msPlayed: number }[] = [];
  if (from >= to) return buckets; // an empty window touches no bucket
  for (let at = local(from, zone).startOf(unit); at.toMillis() < to; at = at.plus({ [unit]: 1 }).startOf(unit)) {
    buckets.push({ start: at.toMillis(), listens: 0, msPlayed: 0 });
  }
  const byStart = new Map(buckets.map((bucket) => [bucket.start, bucket]));
  for (const listen of listens) {
    const bucket = byStart.get(startOf(unit, listen.playedAt, zone))!;
    bucket.listens += 1;
    bucket.msPlayed += msOf(listen);
  }
  return buckets;
}

export function streaks(listens: RefListen[], zone: string, now: number) {
  const days = [...new Set(listens.map((listen) => dayKey(listen.playedAt, zone)))].sort();
  const runs: { first: string; last: string; length: number }[] = [];
  for (const day of days) {
    const run = runs.at(-1);
    if (run && DateTime.fromISO(run.last, { zone: "UTC" }).plus({ days: 1 }).toISODate() === day) {
      run.last = day;
      run.length += 1;
    } else runs.push({ first: day, last: day, length: 1 });
  }
  let longest: (typeof runs)[number] | null = null;
  for (const run of runs) if (!longest || run.length > longest.length) longest = run;
  const today = dayKey(now, zone);
  const yesterday = local(now, zone).minus({ days: 1 }).toISODate()!;
  const current = runs.find((run) => run.last >= yesterday && run.first <= today);
  return {
    longestDays: longest?.length ?? 0,
    longestStart: longest ? DateTime.fromISO(longest.first, { zone }).toMillis() : null,
    currentDays: current?.length ?? 0,
  };
}
