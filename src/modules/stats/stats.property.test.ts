import fc from "fast-check";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordListens, type RecordInput } from "../../../test/factories/listen.factory.js";
import { signUpUser } from "../../../test/factories/user.factory.js";
import * as ref from "../../../test/reference/stats.reference.js";
import { NO_DRIFT, rollupDrift } from "../../../test/reference/statsRollup.check.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";

/**
 * Every stat against the in-memory reference (test/reference/stats.reference.ts), over random
 * histories in random zones (UTC+13/+14, UTC−11, half- and quarter-hour zones, DST changes),
 * random ranges, with inserts and deletes between checks. STATS_PROPERTY_RUNS runs deeper.
 */
const RUNS = Number(process.env.STATS_PROPERTY_RUNS ?? 20);

const ZONES = [
  "UTC",
  "Pacific/Kiritimati",
  "Pacific/Tongatapu",
  "Pacific/Apia",
  "Pacific/Pago_Pago",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Adelaide",
  "Australia/Lord_Howe",
  "America/St_Johns",
  "Europe/Berlin",
  "America/New_York",
];

type CatalogTrack = ref.RefListen["track"] & { featured?: string };
const CATALOG: CatalogTrack[] = [
  { title: "Aria", artist: "Ada", album: "Alpha", durationMs: 200_000 },
  { title: "Bolt", artist: "Ada", featured: "Bix", album: "Alpha", durationMs: null },
  { title: "Cove", artist: "Bix", album: null, durationMs: 20_000 },
  { title: "Dune", artist: "Cy", album: "Delta", durationMs: 180_000 },
  { title: "Echo", artist: "Cy", album: null, durationMs: null },
  { title: "Fern", artist: "Dee", album: "Fable", durationMs: 240_000 },
  { title: "Gale", artist: "Eve", album: "Gamma", durationMs: 15_000 },
  { title: "Hush", artist: "Fay", album: null, durationMs: 90_000 },
];

const NOW = Date.now();
const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
/** Instants the random times cluster around: recent days (presets) and DST changes, a new year. */
const BASES = [
  NOW - 10 * MINUTE,
  NOW - 8 * DAY,
  NOW - 35 * DAY,
  Date.parse("2025-03-09T10:00:00Z"),
  Date.parse("2025-03-30T01:00:00Z"),
  Date.parse("2025-04-05T16:00:00Z"),
  Date.parse("2025-10-04T16:00:00Z"),
  Date.parse("2025-10-26T01:00:00Z"),
  Date.parse("2025-11-02T06:00:00Z"),
  Date.parse("2025-12-31T12:00:00Z"),
];
const instant = fc
  .record({ base: fc.constantFrom(...BASES), minutes: fc.integer({ min: -4 * 1440, max: 4 * 1440 }) })
  .map(({ base, minutes }) => Math.min(base + minutes * MINUTE, NOW - MINUTE));

const play = fc.record({
  track: fc.integer({ min: 0, max: CATALOG.length - 1 }),
  at: instant,
  msPlayed: fc.constantFrom(null, 5_000, 20_000, 200_000),
  // whether the play reports its track's album and duration (scrobblers often do not): the
  // catalog learns them from the first play that does, and stats apply them to earlier plays
  meta: fc.boolean(),
});
type Play = { track: number; at: number; msPlayed: number | null; meta: boolean };

/** Catalog tracks whose album and duration the server has learned (server-wide, never forgotten). */
const learned = new Set<number>();

const PRESETS = ["LAST_7_DAYS", "LAST_30_DAYS", "LAST_90_DAYS", "LAST_365_DAYS", "THIS_WEEK", "THIS_MONTH", "THIS_YEAR", "ALL_TIME"] as const;
const range = fc.oneof(
  fc.constantFrom(...PRESETS).map((preset) => ({ preset })),
  fc.tuple(instant, instant).map(([a, b]) => ({ from: new Date(Math.min(a, b)).toISOString(), to: new Date(Math.max(a, b)).toISOString() })),
);
const check = fc.record({
  range,
  unit: fc.constantFrom("DAY", "WEEK", "MONTH", "YEAR") as fc.Arbitrary<"DAY" | "WEEK" | "MONTH" | "YEAR">,
  rankBy: fc.constantFrom("LISTENS", "TIME_LISTENED"),
});

const STATS = /* GraphQL */ `
  query PropertyStats($username: String!, $range: StatsRangeInput!, $unit: Granularity!, $rankBy: StatsRanking) {
    user(username: $username) {
      stats(range: $range) {
        range { from to }
        totals { listens msPlayed distinctTracks distinctArtists distinctAlbums activeDays }
        topArtists(first: 100, rankBy: $rankBy) { rank listens msPlayed artist { name } }
        topTracks(first: 100, rankBy: $rankBy) { rank listens msPlayed track { title } }
        topAlbums(first: 100, rankBy: $rankBy) { rank listens msPlayed album { title } }
        newArtists(first: 100, rankBy: $rankBy) { rank listens msPlayed artist { name } }
        listeningClock { weekday hour listens msPlayed }
        activity(granularity: $unit) { start listens msPlayed }
        streaks { longestDays longestStart currentDays }
      }
    }
  }
`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

type CheckCase = { range: { preset: (typeof PRESETS)[number] } | { from: string; to: string }; unit: string; rankBy: string };
type HistoryListen = ref.RefListen & { trackIndex: number };
type Stored = { id: string; listen: HistoryListen };
type Auth = { token: string };

async function store(auth: Auth, plays: Play[]): Promise<Stored[]> {
  if (plays.length === 0) return [];
  const inputs: RecordInput[] = plays.map((p) => {
    const track = CATALOG[p.track]!;
    return {
      trackTitle: track.title,
      artistName: track.artist,
      ...(track.featured ? { featuredArtists: [track.featured] } : {}),
      ...(p.meta && track.album ? { albumTitle: track.album } : {}),
      ...(p.meta && track.durationMs ? { durationMs: track.durationMs } : {}),
      ...(p.msPlayed !== null ? { msPlayed: p.msPlayed } : {}),
      playedAt: new Date(p.at).toISOString(),
    };
  });
  const result = await recordListens(server, auth, inputs);
  for (const p of plays) if (p.meta) learned.add(p.track);
  return result.listens.map((listen, index) => {
    const trackIndex = plays[index]!.track;
    const catalogTrack = CATALOG[trackIndex]!;
    return {
      id: listen.id,
      listen: {
        playedAt: Date.parse(listen.playedAt),
        counted: listen.counted,
        msPlayed: listen.msPlayed,
        trackIndex,
        track: { title: catalogTrack.title, artist: catalogTrack.artist, album: catalogTrack.album, durationMs: catalogTrack.durationMs },
      },
    };
  });
}

async function remove(auth: Auth, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const fields = ids.map((id, index) => `d${index}: deleteListen(id: ${JSON.stringify(id)})`).join("\n");
  const response = await server.graphql(`mutation { ${fields} }`, {}, auth);
  expect(response.errors).toBeUndefined();
}

async function userId(auth: Auth): Promise<string | undefined> {
  const response = await server.graphql<{ me: { id: string } }>("{ me { id } }", {}, auth);
  const globalId = response.data!.me.id;
  return Buffer.from(globalId, "base64url").toString("utf8").split(":")[1];
}

const named = (rows: { rank: number; listens: number; msPlayed: number }[], name: (row: any) => string) =>
  rows.map((row, index) => {
    expect(row.rank).toBe(index + 1);
    return { name: name(row), listens: row.listens, msPlayed: row.msPlayed };
  });

/** A listen as the stats see it now: its track's album and duration only once the catalog learned them. */
function asKnownNow(listen: HistoryListen): ref.RefListen {
  const known = learned.has(listen.trackIndex);
  return { ...listen, track: { ...listen.track, album: known ? listen.track.album : null, durationMs: known ? listen.track.durationMs : null } };
}

async function verify(auth: Auth, username: string, zone: string, history: Map<string, HistoryListen>, c: CheckCase) {
  expect(await rollupDrift(server.database.db, (await userId(auth))!)).toEqual(NO_DRIFT);
  const before = Date.now();
  const response = await server.graphql(STATS, { username, range: c.range, unit: c.unit, rankBy: c.rankBy }, auth);
  const after = Date.now();
  expect(response.errors).toBeUndefined();
  const stats = response.data!.user.stats;
  const all = [...history.values()].map(asKnownNow);
  const counted = all.filter((listen) => listen.counted).map((listen) => listen.playedAt);
  const to = Date.parse(stats.range.to);
  const from = stats.range.from === null ? null : Date.parse(stats.range.from);

  // the window itself
  const preset = "preset" in c.range ? c.range.preset : undefined;
  if (!("preset" in c.range)) {
    expect([from, to]).toEqual([Date.parse(c.range.from), Date.parse(c.range.to)]);
  } else if (preset === "ALL_TIME") {
    expect(from).toBe(counted.length ? Math.min(...counted) : null);
    expect(to).toBeGreaterThanOrEqual(Math.max(before, ...counted.map((at) => at + 1)));
  } else {
    expect(to).toBeGreaterThanOrEqual(before);
    expect(to).toBeLessThanOrEqual(after);
    const days = { LAST_7_DAYS: 7, LAST_30_DAYS: 30, LAST_90_DAYS: 90, LAST_365_DAYS: 365 }[preset as string];
    const unit = { THIS_WEEK: "week", THIS_MONTH: "month", THIS_YEAR: "year" }[preset as string] as ref.RefUnit | undefined;
    expect(from).toBe(days ? to - days * DAY : ref.startOf(unit!, to, zone));
  }
  if (from === null) {
    expect(stats.totals.listens).toBe(0);
    return;
  }

  const byTime = c.rankBy === "TIME_LISTENED";
  const listens = ref.inRange(all, from, to);
  expect(stats.totals).toEqual(ref.totals(listens, zone));
  expect(named(stats.topArtists, (row) => row.artist.name)).toEqual(ref.top(listens, (l) => l.track.artist, byTime));
  expect(named(stats.topTracks, (row) => row.track.title)).toEqual(ref.top(listens, (l) => l.track.title, byTime));
  expect(named(stats.topAlbums, (row) => row.album.title)).toEqual(ref.top(listens, (l) => l.track.album, byTime));
  expect(named(stats.newArtists, (row) => row.artist.name)).toEqual(ref.newArtists(all, from, to, byTime));
  expect(stats.listeningClock).toEqual(ref.clock(listens, zone));
  const unit = c.unit.toLowerCase() as ref.RefUnit;
  expect(stats.activity.map((b: { start: string; listens: number; msPlayed: number }) => ({ ...b, start: Date.parse(b.start) }))).toEqual(
    ref.activity(listens, from, to, unit, zone),
  );

  const streaks = { ...stats.streaks, longestStart: stats.streaks.longestStart && Date.parse(stats.streaks.longestStart) };
  const expected = ref.streaks(listens, zone, preset && preset !== "ALL_TIME" ? to : before);
  const sameLocalDay = DateTime.fromMillis(before, { zone }).toISODate() === DateTime.fromMillis(after, { zone }).toISODate();
  expect({ ...streaks, currentDays: sameLocalDay ? streaks.currentDays : expected.currentDays }).toEqual(expected);
}

describe("stats match the reference computation", () => {
  it("over random histories, zones, ranges, inserts and deletes", { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZONES),
        fc.array(play, { minLength: 1, maxLength: 40 }),
        fc.array(check, { minLength: 2, maxLength: 2 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.array(play, { maxLength: 10 }),
        fc.array(check, { minLength: 2, maxLength: 2 }),
        async (zone, firstPlays, firstChecks, deletions, morePlays, laterChecks) => {
          const user = await signUpUser(server, { timezone: zone });
          const storedZone = user.user.timezone;
          const history = new Map<string, HistoryListen>();
          for (const stored of await store(user, firstPlays)) history.set(stored.id, stored.listen);
          for (const c of firstChecks) await verify(user, user.username, storedZone, history, c);

          const ids = [...history.keys()];
          const doomed = [...new Set(deletions.map((n) => ids[n % ids.length]!))];
          await remove(user, doomed);
          for (const id of doomed) history.delete(id);
          for (const stored of await store(user, morePlays)) history.set(stored.id, stored.listen);
          for (const c of laterChecks) await verify(user, user.username, storedZone, history, c);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
