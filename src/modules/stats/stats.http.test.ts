import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordListens } from "../../../test/factories/listen.factory.js";
import { signUpUser, type TestUser } from "../../../test/factories/user.factory.js";
import { NO_DRIFT, rollupDrift } from "../../../test/reference/statsRollup.check.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";

const STATS = /* GraphQL */ `
  query Stats($username: String!, $range: StatsRangeInput!, $rankBy: StatsRanking) {
    user(username: $username) {
      stats(range: $range) {
        range { from to }
        totals { listens msPlayed distinctTracks distinctArtists distinctAlbums activeDays }
        topArtists(first: 5, rankBy: $rankBy) { rank listens msPlayed artist { name } }
        topTracks(first: 5, rankBy: $rankBy) { rank listens msPlayed track { title } }
        topAlbums(first: 5) { rank listens album { title } }
        newArtists { rank listens artist { name } }
        listeningClock { weekday hour listens msPlayed }
        activity(granularity: DAY) { start listens msPlayed }
        streaks { longestDays longestStart currentDays }
      }
    }
  }
`;

let server: TestServer;
let owner: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpUser(server, { timezone: "Asia/Kathmandu" });
  await recordListens(server, owner, [
    // 2026-01-10 23:50 local (+05:45) = 18:05Z: Saturday, 23h
    { trackTitle: "One", artistName: "Alpha", albumTitle: "First", playedAt: "2026-01-10T18:05:00Z", msPlayed: 100_000 },
    // 2026-01-11 00:10 local: Sunday 0h, the next local day
    { trackTitle: "Two", artistName: "Alpha", featuredArtists: ["Beta"], playedAt: "2026-01-10T18:25:00Z" },
    { trackTitle: "Three", artistName: "Beta", playedAt: "2026-01-12T06:00:00Z", msPlayed: 300_000, durationMs: 300_000 },
    // too short to count
    { trackTitle: "Four", artistName: "Gamma", playedAt: "2026-01-12T07:00:00Z", msPlayed: 5_000 },
  ]);
});

afterAll(() => server?.close());

const window = { from: "2026-01-10T00:00:00Z", to: "2026-01-13T00:00:00Z" };

describe("User.stats", () => {
  it("computes every stat over counted listens in the user's zone", async () => {
    const response = await server.graphql(STATS, { username: owner.username, range: window }, owner);
    expect(response.errors).toBeUndefined();
    const stats = response.data!.user.stats;
    expect(stats.range).toEqual({ from: "2026-01-10T00:00:00.000Z", to: "2026-01-13T00:00:00.000Z" });
    expect(stats.totals).toEqual({ listens: 3, msPlayed: 400_000, distinctTracks: 3, distinctArtists: 2, distinctAlbums: 1, activeDays: 3 });
    // Alpha: 2 listens (primary of One and Two); Beta: 1 (a feature on Two does not count)
    expect(stats.topArtists.map((row: { artist: { name: string }; listens: number }) => [row.artist.name, row.listens])).toEqual([
      ["Alpha", 2],
      ["Beta", 1],
    ]);
    expect(stats.topTracks[0]).toMatchObject({ rank: 1, track: { title: "Three" }, listens: 1, msPlayed: 300_000 });
    expect(stats.topAlbums).toEqual([{ rank: 1, listens: 1, album: { title: "First" } }]);
    expect(stats.listeningClock).toHaveLength(168);
    expect(stats.listeningClock.find((cell: { weekday: number; hour: number }) => cell.weekday === 5 && cell.hour === 23).listens).toBe(1);
    expect(stats.listeningClock.find((cell: { weekday: number; hour: number }) => cell.weekday === 6 && cell.hour === 0).listens).toBe(1);
    // local days from 2026-01-10 (05:45 local) to 2026-01-13 (05:44 local): four buckets, one empty
    expect(stats.activity.map((bucket: { start: string; listens: number }) => [bucket.start, bucket.listens])).toEqual([
      ["2026-01-09T18:15:00.000Z", 1],
      ["2026-01-10T18:15:00.000Z", 1],
      ["2026-01-11T18:15:00.000Z", 1],
      ["2026-01-12T18:15:00.000Z", 0],
    ]);
    expect(stats.streaks).toEqual({ longestDays: 3, longestStart: "2026-01-09T18:15:00.000Z", currentDays: 0 });
    expect(stats.newArtists.map((row: { artist: { name: string } }) => row.artist.name)).toEqual(["Alpha", "Beta"]);
  });

  it("ranks by time listened when asked", async () => {
    const response = await server.graphql(STATS, { username: owner.username, range: window, rankBy: "TIME_LISTENED" }, owner);
    const names = response.data!.user.stats.topArtists.map((row: { artist: { name: string } }) => row.artist.name);
    // Beta 300 s beats Alpha 100 s + 180 s? No: Two has no msPlayed and no duration, so it lasts 0.
    expect(names).toEqual(["Beta", "Alpha"]);
  });

  it("is null for someone who may not see the history, and for nobody signed in", async () => {
    const other = await signUpUser(server);
    for (const auth of [other, {}]) {
      const response = await server.graphql(STATS, { username: owner.username, range: { preset: "ALL_TIME" } }, auth);
      expect(response.errors).toBeUndefined();
      expect(response.data!.user.stats).toBeNull();
    }
  });

  it("resolves ALL_TIME from the first counted listen", async () => {
    const response = await server.graphql(STATS, { username: owner.username, range: { preset: "ALL_TIME" } }, owner);
    expect(response.data!.user.stats.range.from).toBe("2026-01-10T18:05:00.000Z");
    expect(response.data!.user.stats.totals.listens).toBe(3);
  });

  it("refuses bad ranges and sizes", async () => {
    const cases = [
      { range: { from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z" } },
      { range: { from: "1900-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" } },
      { range: { preset: "THIS_WEEK", from: "2026-01-01T00:00:00Z" } },
      { range: {} },
    ];
    for (const variables of cases) {
      const response = await server.graphql(STATS, { username: owner.username, ...variables }, owner);
      expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
    const tooMany = await server.graphql(
      `query($u: String!) { user(username: $u) { stats(range: { preset: ALL_TIME }) { topTracks(first: 101) { rank } } } }`,
      { u: owner.username },
      owner,
    );
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("follows a change of zone (local rollups rebuilt) and a track duration learned later", async () => {
    const user = await signUpUser(server, { timezone: "UTC" });
    // Thursday 2026-01-15 23:30 UTC = Friday 05:15 in Kathmandu; no length reported, none known yet
    await recordListens(server, user, [{ trackTitle: "Late", artistName: "Delta", playedAt: "2026-01-15T23:30:00Z" }]);
    const clockQuery = `query($u: String!) { user(username: $u) { stats(range: { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" }) {
      totals { listens msPlayed activeDays } listeningClock { weekday hour listens msPlayed } } } }`;
    const busy = async () => {
      const response = await server.graphql(clockQuery, { u: user.username }, user);
      const stats = response.data!.user.stats;
      return { totals: stats.totals, cells: stats.listeningClock.filter((cell: { listens: number }) => cell.listens > 0) };
    };
    expect(await busy()).toEqual({ totals: { listens: 1, msPlayed: 0, activeDays: 1 }, cells: [{ weekday: 3, hour: 23, listens: 1, msPlayed: 0 }] });

    // another source reports the track's duration: the first play now lasts it too
    await recordListens(server, user, [
      { trackTitle: "Late", artistName: "Delta", durationMs: 200_000, msPlayed: 100_000, playedAt: "2026-01-20T10:00:00Z" },
    ]);
    const update = await server.graphql(`mutation { updateProfile(input: { timezone: "Asia/Kathmandu" }) { timezone } }`, {}, user);
    expect(update.errors).toBeUndefined();
    expect(await busy()).toEqual({
      totals: { listens: 2, msPlayed: 300_000, activeDays: 2 },
      cells: [
        { weekday: 1, hour: 15, listens: 1, msPlayed: 100_000 },
        { weekday: 4, hour: 5, listens: 1, msPlayed: 200_000 },
      ],
    });
    const id = Buffer.from(user.user.id, "base64url").toString("utf8").split(":")[1]!;
    expect(await rollupDrift(server.database.db, id)).toEqual(NO_DRIFT);
  });
  it("moves the local rollups exactly through a series of zone changes (listens around month, day and hour edges)", async () => {
    const user = await signUpUser(server, { timezone: "UTC" });
    const id = Buffer.from(user.user.id, "base64url").toString("utf8").split(":")[1]!;
    const HOUR = 3_600_000;
    const plays = ["2025-01-01", "2025-03-01", "2025-03-30", "2025-10-26", "2025-11-01", "2026-01-01"].flatMap((edge, e) =>
      [-20, -13.5, -11, -5.75, -1, 0.5, 3.25, 9, 12.5, 14, 26].map((hours, h) => ({
        trackTitle: `Edge ${h % 4}`,
        artistName: `Artist ${(e + h) % 3}`,
        ...(h % 3 === 0 ? { albumTitle: `Album ${h % 2}` } : {}),
        ...(h % 5 === 0 ? {} : { msPlayed: 60_000 + h * 1_000 }),
        playedAt: new Date(Date.parse(`${edge}T00:00:00Z`) + hours * HOUR).toISOString(),
      })),
    );
    expect((await recordListens(server, user, plays)).inserted).toBe(plays.length);
    for (const zone of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kathmandu", "America/St_Johns", "Etc/GMT+12", "Europe/Berlin", "UTC"]) {
      const update = await server.graphql(`mutation($zone: String!) { updateProfile(input: { timezone: $zone }) { timezone } }`, { zone }, user);
      expect(update.errors).toBeUndefined();
      expect(await rollupDrift(server.database.db, id)).toEqual(NO_DRIFT);
    }
  });

  it("applies a track's duration and album learned after its plays were stored, then survives a delete", async () => {
    const user = await signUpUser(server, { timezone: "America/St_Johns" });
    const stored = await recordListens(server, user, [
      // a scrobbler that knows neither the album nor any length
      { trackTitle: "Later", artistName: "Echo", playedAt: "2026-02-03T10:00:00Z" },
      { trackTitle: "Later", artistName: "Echo", playedAt: "2026-03-04T10:00:00Z" },
    ]);
    const query = `query($u: String!) { user(username: $u) { stats(range: { from: "2026-01-01T00:00:00Z", to: "2026-04-01T00:00:00Z" }) {
      totals { listens msPlayed distinctAlbums }
      topArtists { listens msPlayed artist { name } }
      topAlbums { listens msPlayed album { title } }
      activity(granularity: MONTH) { listens msPlayed }
      listeningClock { listens msPlayed } } } }`;
    const read = async () => {
      const response = await server.graphql(query, { u: user.username }, user);
      expect(response.errors).toBeUndefined();
      const stats = response.data!.user.stats;
      const clockMs = stats.listeningClock.reduce((sum: number, cell: { msPlayed: number }) => sum + cell.msPlayed, 0);
      return { ...stats, listeningClock: clockMs, activity: stats.activity.map((bucket: { msPlayed: number }) => bucket.msPlayed) };
    };
    expect(await read()).toEqual({
      totals: { listens: 2, msPlayed: 0, distinctAlbums: 0 },
      topArtists: [{ listens: 2, msPlayed: 0, artist: { name: "Echo" } }],
      topAlbums: [],
      activity: [0, 0, 0, 0],
      listeningClock: 0,
    });

    // another client reports the album and the duration: both earlier plays now have them
    await recordListens(server, user, [
      { trackTitle: "Later", artistName: "Echo", albumTitle: "Found", durationMs: 180_000, msPlayed: 60_000, playedAt: "2026-03-20T10:00:00Z" },
    ]);
    expect(await read()).toEqual({
      totals: { listens: 3, msPlayed: 420_000, distinctAlbums: 1 },
      topArtists: [{ listens: 3, msPlayed: 420_000, artist: { name: "Echo" } }],
      topAlbums: [{ listens: 3, msPlayed: 420_000, album: { title: "Found" } }],
      activity: [0, 0, 180_000, 240_000],
      listeningClock: 420_000,
    });
    const id = Buffer.from(user.user.id, "base64url").toString("utf8").split(":")[1]!;
    expect(await rollupDrift(server.database.db, id)).toEqual(NO_DRIFT);

    const deleted = await server.graphql(`mutation($id: ID!) { deleteListen(id: $id) }`, { id: stored.listens[0]!.id }, user);
    expect(deleted.errors).toBeUndefined();
    expect((await read()).totals).toEqual({ listens: 2, msPlayed: 240_000, distinctAlbums: 1 });
    expect(await rollupDrift(server.database.db, id)).toEqual(NO_DRIFT);
  });
});
