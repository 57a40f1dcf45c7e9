import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordListens } from "../../../test/factories/listen.factory.js";
import { signUpUser, type TestUser } from "../../../test/factories/user.factory.js";
import { closedPort, hasRedisServer, type RedisServer, startRedisServer } from "../../../test/redisServer.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";

/**
 * Redis unreachable (from the start, or taken away mid-run): stats are still served, correct,
 * from the database, and the cache adds at most its 100 ms budget to a request. The latency
 * bound below is deliberately loose (1 s, on a shared 2-core machine); what it catches is a
 * request waiting on Redis reconnects (seconds) or hanging.
 */
const TOTALS = /* GraphQL */ `
  query Totals($username: String!, $range: StatsRangeInput!) {
    user(username: $username) { stats(range: $range) { totals { listens distinctTracks } topTracks(first: 1) { listens track { title } } } }
  }
`;
const BOUND_MS = 1_000;

type Totals = { totals: { listens: number; distinctTracks: number }; topTracks: { listens: number; track: { title: string } }[] };

async function timedStats(server: TestServer, user: TestUser): Promise<{ stats: Totals; elapsed: number }> {
  const start = performance.now();
  const response = await server.graphql<{ user: { stats: Totals } }>(TOTALS, { username: user.username, range: { preset: "ALL_TIME" } }, user);
  const elapsed = performance.now() - start;
  if (!response.data?.user?.stats) throw new Error(`stats failed: ${JSON.stringify(response.errors)}`);
  return { stats: response.data.user.stats, elapsed };
}

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe("Redis on a port nothing listens on", () => {
  let server: TestServer;
  let owner: TestUser;

  beforeAll(async () => {
    server = await startTestServer({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });
    owner = await signUpUser(server);
    await recordListens(server, owner, [
      { trackTitle: "One", artistName: "Alpha", playedAt: ago(90), msPlayed: 200_000 },
      { trackTitle: "One", artistName: "Alpha", playedAt: ago(60), msPlayed: 200_000 },
    ]);
  });

  afterAll(async () => {
    await server?.close();
  });

  it("serves correct stats from the database within the bound, and stays fresh", async () => {
    for (let i = 0; i < 3; i++) {
      const { stats, elapsed } = await timedStats(server, owner);
      expect(stats.totals).toEqual({ listens: 2, distinctTracks: 1 });
      expect(elapsed).toBeLessThan(BOUND_MS);
    }
    await recordListens(server, owner, [{ trackTitle: "Two", artistName: "Alpha", playedAt: ago(30), msPlayed: 200_000 }]);
    const { stats, elapsed } = await timedStats(server, owner);
    expect(stats.totals).toEqual({ listens: 3, distinctTracks: 2 });
    expect(elapsed).toBeLessThan(BOUND_MS);
    expect(server.app.cache.stats().errors).toBeGreaterThan(0); // it did try Redis
  });
});

describe.skipIf(!hasRedisServer())("Redis going away mid-run", () => {
  let redis: RedisServer;
  let server: TestServer;
  let owner: TestUser;

  beforeAll(async () => {
    redis = await startRedisServer();
    server = await startTestServer({ REDIS_URL: redis.url });
    owner = await signUpUser(server);
    await recordListens(server, owner, [{ trackTitle: "One", artistName: "Alpha", playedAt: ago(90), msPlayed: 200_000 }]);
  });

  afterAll(async () => {
    await server?.close();
    await redis?.kill();
  });

  it("answers from Redis while it is up, then from the database, correct and bounded", async () => {
    await timedStats(server, owner);
    const before = server.app.cache.stats();
    expect((await timedStats(server, owner)).stats.totals.listens).toBe(1);
    expect(server.app.cache.stats().hits).toBeGreaterThan(before.hits);

    await redis.kill();
    for (let i = 0; i < 3; i++) {
      const { stats, elapsed } = await timedStats(server, owner);
      expect(stats.totals).toEqual({ listens: 1, distinctTracks: 1 });
      expect(elapsed).toBeLessThan(BOUND_MS);
    }
    await recordListens(server, owner, [{ trackTitle: "Two", artistName: "Beta", playedAt: ago(30), msPlayed: 200_000 }]);
    const { stats, elapsed } = await timedStats(server, owner);
    expect(stats.totals).toEqual({ listens: 2, distinctTracks: 2 });
    expect(elapsed).toBeLessThan(BOUND_MS);
    expect(server.app.cache.stats().errors).toBeGreaterThan(0);
  });
});
