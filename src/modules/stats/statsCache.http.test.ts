import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordListens } from "../../../test/factories/listen.factory.js";
import { signUpUser, type TestUser } from "../../../test/factories/user.factory.js";
import { startChildServer } from "../../../test/childServer.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";

/**
 * Freshness of cached stats across two instances over one database (and one Redis when the run
 * has REDIS_URL): a write through either instance is reflected by the very next read through
 * the other, because keys carry the user's stats_version.
 */
const STATS = /* GraphQL */ `
  query CachedStats($username: String!, $range: StatsRangeInput!) {
    user(username: $username) {
      stats(range: $range) {
        totals { listens msPlayed distinctTracks }
        topArtists(first: 3) { rank listens artist { name } }
        activity(granularity: MONTH) { start listens }
        streaks { longestDays currentDays }
      }
    }
  }
`;

const DELETE = /* GraphQL */ `mutation Delete($filter: HistoryFilter!) { deleteListens(filter: $filter) }`;

type Stats = {
  totals: { listens: number; msPlayed: number; distinctTracks: number };
  topArtists: { rank: number; listens: number; artist: { name: string } }[];
  activity: { start: string; listens: number }[];
  streaks: { longestDays: number; currentDays: number };
};

async function readStats(server: TestServer, user: TestUser, preset: string): Promise<Stats> {
  const response = await server.graphql<{ user: { stats: Stats } }>(STATS, { username: user.username, range: { preset } }, user);
  if (!response.data?.user?.stats) throw new Error(`stats failed: ${JSON.stringify(response.errors)}`);
  return response.data.user.stats;
}

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

let a: TestServer;
let b: TestServer;
let owner: TestUser;
// Same key prefix: with Redis both instances share cache entries, as production instances do.
const prefix = `test:${randomBytes(6).toString("hex")}:`;

beforeAll(async () => {
  a = await startTestServer({ REDIS_KEY_PREFIX: prefix });
  b = await startTestServer({ REDIS_KEY_PREFIX: prefix }, { database: a.database });
  owner = await signUpUser(a);
  await recordListens(a, owner, [
    { trackTitle: "Early", artistName: "Alpha", playedAt: ago(60 * 24 * 400), msPlayed: 200_000 },
    { trackTitle: "Recent", artistName: "Alpha", playedAt: ago(120), msPlayed: 200_000 },
  ]);
});

afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe("cached stats across two instances", () => {
  it("answers repeated reads from the cache", async () => {
    const before = a.app.cache.stats();
    const first = await readStats(a, owner, "ALL_TIME");
    const second = await readStats(a, owner, "ALL_TIME");
    expect(second).toEqual(first);
    expect(first.totals.listens).toBe(2);
    const after = a.app.cache.stats();
    expect(after.misses - before.misses).toBe(4); // four stats computed once
    expect(after.hits + after.coalesced - before.hits - before.coalesced).toBe(4);
  });

  it("keeps ranked items with a cached top list: a hit reads no catalog table, and every item field still resolves", async () => {
    const TOP = /* GraphQL */ `
      query Top($username: String!) {
        user(username: $username) {
          stats(range: { preset: ALL_TIME }) {
            topArtists(first: 5) { rank artist { id name } }
            topTracks(first: 5) { rank track { id title durationMs artists { name } } }
            topAlbums(first: 5) { rank album { id title } }
          }
        }
      }
    `;
    const ranker = await signUpUser(a);
    await recordListens(a, ranker, [{ trackTitle: "Ranked", artistName: "Alpha", albumTitle: "Ranked LP", durationMs: 180_000, playedAt: ago(90), msPlayed: 200_000 }]);
    const first = await a.graphql(TOP, { username: ranker.username }, ranker);
    expect(first.errors).toBeUndefined();
    const statements: string[] = [];
    const stop = a.database.onQuery((query) => statements.push(query));
    let second;
    try {
      second = await a.graphql(TOP, { username: ranker.username }, ranker);
    } finally {
      stop();
    }
    expect(second.data).toEqual(first.data);
    expect(second.data!.user.stats.topTracks.find((t: { track: { title: string } }) => t.track.title === "Ranked").track).toMatchObject({
      durationMs: 180_000,
      artists: [{ name: "Alpha" }],
    });
    // the only catalog read left is Track.artists (its own loader); the ranked rows come with the cache entry
    const catalogReads = statements.filter((statement) => /\b(from|join)\s+"?(artists|tracks|albums)"?\s/i.test(statement));
    expect(catalogReads).toHaveLength(1);
    expect(catalogReads[0]).toMatch(/track_artists/);
  });

  it("shares entries through Redis, so the other instance does not recompute", async () => {
    if (!process.env.REDIS_URL) return; // in-process caches are per instance
    await readStats(a, owner, "LAST_365_DAYS");
    const before = b.app.cache.stats();
    await readStats(b, owner, "LAST_365_DAYS");
    expect(b.app.cache.stats().misses).toBe(before.misses);
  });

  it("reflects a write through one instance in the next read through the other", async () => {
    for (const preset of ["ALL_TIME", "LAST_30_DAYS"]) {
      await readStats(a, owner, preset);
      await readStats(b, owner, preset);
    }
    const allTime = (await readStats(b, owner, "ALL_TIME")).totals.listens;
    const recent = (await readStats(b, owner, "LAST_30_DAYS")).totals.listens;

    await recordListens(a, owner, [{ trackTitle: "New", artistName: "Beta", playedAt: ago(30), msPlayed: 200_000 }]);
    expect((await readStats(b, owner, "ALL_TIME")).totals.listens).toBe(allTime + 1);
    expect((await readStats(b, owner, "LAST_30_DAYS")).totals.listens).toBe(recent + 1);

    // and back: written through b, read through a
    await recordListens(b, owner, [{ trackTitle: "Newer", artistName: "Beta", playedAt: ago(20), msPlayed: 200_000 }]);
    const seenByA = await readStats(a, owner, "LAST_30_DAYS");
    expect(seenByA.totals.listens).toBe(recent + 2);
    expect(seenByA.topArtists[0]).toMatchObject({ rank: 1, listens: 2, artist: { name: "Beta" } });
  });

  it("reflects an old listen (outside the cached window's first and last) and a deletion", async () => {
    const before = await readStats(a, owner, "ALL_TIME");
    await readStats(b, owner, "ALL_TIME");
    // Between two cached listens: the window's ends do not move, only the version does.
    await recordListens(b, owner, [{ trackTitle: "Middle", artistName: "Gamma", playedAt: ago(60 * 24 * 200), msPlayed: 200_000 }]);
    const after = await readStats(a, owner, "ALL_TIME");
    expect(after.totals.listens).toBe(before.totals.listens + 1);
    expect(after.totals.distinctTracks).toBe(before.totals.distinctTracks + 1);

    const deleted = await a.graphql<{ deleteListens: number }>(
      DELETE,
      { filter: { from: ago(60 * 24 * 201), to: ago(60 * 24 * 199) } },
      owner,
    );
    expect(deleted.data?.deleteListens).toBe(1);
    expect((await readStats(b, owner, "ALL_TIME")).totals).toEqual(before.totals);
  });

  it("keeps users apart and still checks visibility before the cache", async () => {
    const other = await signUpUser(b);
    const response = await b.graphql<{ user: { stats: Stats | null } }>(
      STATS,
      { username: owner.username, range: { preset: "ALL_TIME" } },
      other,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.user?.stats).toBeNull(); // private history, although its stats are cached
    const own = await readStats(b, other, "ALL_TIME");
    expect(own.totals.listens).toBe(0);
  });

  // Another OS process: PostgreSQL only (PGlite lives inside this process).
  it.skipIf(!process.env.DATABASE_URL)("stays fresh across two server processes", async () => {
    const databaseUrl = (a.database as { url?: string }).url!;
    const child = await startChildServer({ DATABASE_URL: databaseUrl, REDIS_URL: process.env.REDIS_URL ?? "", REDIS_KEY_PREFIX: prefix });
    try {
      const other = { ...b, url: child.url, graphql: viaUrl(child.url) } as TestServer;
      const before = await readStats(other, owner, "ALL_TIME");
      expect(await readStats(other, owner, "ALL_TIME")).toEqual(before);
      await recordListens(a, owner, [{ trackTitle: "Elsewhere", artistName: "Delta", playedAt: ago(10), msPlayed: 200_000 }]);
      expect((await readStats(other, owner, "ALL_TIME")).totals.listens).toBe(before.totals.listens + 1);
      await recordListens(other, owner, [{ trackTitle: "Elsewhere too", artistName: "Delta", playedAt: ago(5), msPlayed: 200_000 }]);
      expect((await readStats(a, owner, "ALL_TIME")).totals.listens).toBe(before.totals.listens + 2);
    } finally {
      await child.close();
    }
  });
});

/** server.graphql against another base URL (the child process). */
function viaUrl(url: string): TestServer["graphql"] {
  return (async (query: string, variables?: Record<string, unknown>, auth?: { token?: string }) => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(auth?.token ? { authorization: `Bearer ${auth.token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { ...((await response.json()) as object), status: response.status, headers: response.headers };
  }) as TestServer["graphql"];
}
