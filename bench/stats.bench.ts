/**
 * npm run bench:stats — stats latency through the GraphQL endpoint against real PostgreSQL.
 *
 * Builds (or reuses, BENCH_STATS_DB=<url>) a database holding one user with 1M listens over 12
 * years and 50 users of 50k listens, then measures p50/p95 of every stat × range with the cache
 * off (cold: the database's work) and on (warm), a mixed read/write phase with its hit rate, and
 * the latency of one recordListen. The server runs in a child process (as in production); this
 * process is only its client (node:http, keep-alive). Prints a Markdown report (bench/RESULTS.md keeps the figures).
 *
 * Env: DATABASE_URL (admin URL; default postgres://postgres@127.0.0.1:5432/postgres), REDIS_URL
 * (warm phase through Redis when set), BENCH_STATS_DB (reuse a loaded database, kept afterwards),
 * BENCH_STATS_SCALE (0..1, shrinks the data set for a smoke run), BENCH_COLD_SAMPLES, BENCH_WARM_SAMPLES.
 */
import "reflect-metadata";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { openDatabase } from "../src/db/client.js";
import { rebuildUserRollups } from "../src/modules/stats/statsRollup.repository.js";
import { seededRandom } from "./generate/seededRandom.js";
import { zipfSampler } from "./generate/zipf.js";
import { createFreshTarget } from "./support/benchDatabase.js";
import { ms, summarize, type LatencySummary } from "./stats/latency.js";
import { copyListens, FULL_SHAPE, loadCatalog, loadOtherUsers, otherUserId, type StatsDatasetShape } from "./stats/statsDataset.js";
import { graphqlClient } from "./stats/graphqlClient.js";
import { startStatsServer, type StatsServerProcess } from "./stats/statsServerProcess.js";
import { ownStatQuery, RANGES, type RangeName, RECORD_LISTEN, STAT_NAMES, type StatName, userStatQuery } from "./stats/statsQueries.js";

const ADMIN_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const MAIN_USERNAME = "bench_main";
const MAIN_PASSWORD = "correct horse battery staple";
const COLD_SAMPLES = Number(process.env.BENCH_COLD_SAMPLES ?? 10);
const WARM_SAMPLES = Number(process.env.BENCH_WARM_SAMPLES ?? 50);
const MIXED_OPERATIONS = 3_000;
const MIXED_WRITE_SHARE = 0.01;
const MIXED_CONCURRENCY = 4;
const WRITE_SAMPLES = 100;
const WARMUP_PASSES = 3;

const GOALS = { uncachedP95: 50, cachedP95: 5, writeP95: 10 };

type Server = StatsServerProcess & { client: ReturnType<typeof graphqlClient> };

/** The server in a child process over `databaseUrl` (see statsServerProcess.ts), with a keep-alive client. */
async function startServer(databaseUrl: string, env: Record<string, string>): Promise<Server> {
  const server = await startStatsServer({ DATABASE_URL: databaseUrl, REDIS_KEY_PREFIX: `bench:${Date.now().toString(36)}:`, ...env });
  const client = graphqlClient(server.url);
  return {
    ...server,
    client,
    async close() {
      client.close();
      await server.close();
    },
  };
}

type GraphQLResult = { data?: Record<string, { token?: string }> | null; errors?: { message: string }[] };

async function post(server: Server, query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResult> {
  const body = (await server.client.post(query, variables, token)) as GraphQLResult;
  if (body.errors?.length) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
  return body;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

function scaled(shape: StatsDatasetShape, scale: number): StatsDatasetShape {
  if (scale >= 1) return shape;
  return {
    ...shape,
    mainListens: Math.round(shape.mainListens * scale),
    otherUsers: Math.max(1, Math.round(shape.otherUsers * scale)),
    otherListens: Math.round(shape.otherListens * scale),
  };
}

/** Creates and fills a fresh database; returns its URL. */
async function buildDatabase(shape: StatsDatasetShape): Promise<{ url: string; drop(): Promise<void> }> {
  const target = await createFreshTarget("postgres", ADMIN_URL, "stats");
  const url = target.databaseUrl!;
  const migrator = await openDatabase({ databaseUrl: url, dataDir: "unused" });
  await migrator.migrate();
  await migrator.close();

  const sql = postgres(url, { max: 2, onnotice: () => {} });
  try {
    let start = performance.now();
    await loadCatalog(sql, shape);
    const otherUsernames = await loadOtherUsers(sql, shape);
    log(`catalog (${shape.artists} artists, ${shape.tracks} tracks) and ${otherUsernames.length} users in ${seconds(start)}`);

    // The measured user signs up through the API like anyone else (password, session).
    const server = await startServer(url, { STATS_CACHE: "off" });
    await post(server, `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, {
      input: { username: MAIN_USERNAME, email: `${MAIN_USERNAME}@example.test`, password: MAIN_PASSWORD, timezone: "Europe/Berlin" },
    });
    await server.close();
    const [main] = await sql<{ id: string }[]>`select id from users where username = ${MAIN_USERNAME}`;

    const end = Date.now() - 3_600_000;
    start = performance.now();
    await copyListens(sql, main!.id, shape.mainListens, { years: shape.years, tracks: shape.tracks, seed: 1, end });
    log(`${shape.mainListens} listens of ${MAIN_USERNAME} copied in ${seconds(start)}`);
    start = performance.now();
    for (let i = 0; i < shape.otherUsers; i++) {
      await copyListens(sql, otherUserId(i), shape.otherListens, { years: shape.years, tracks: shape.tracks, seed: 1000 + i, end });
    }
    log(`${shape.otherUsers} × ${shape.otherListens} other listens copied in ${seconds(start)}`);

    start = performance.now();
    await rebuildRollups(url, [main!.id, ...Array.from({ length: shape.otherUsers }, (_, i) => otherUserId(i))]);
    await sql.unsafe("vacuum analyze");
    log(`rollups, vacuum and analyze in ${seconds(start)}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
  return { url, drop: target.drop };
}

/** COPY bypasses the write path that maintains the stats rollups: rebuild them per user, in bulk. */
async function rebuildRollups(url: string, userIds: string[]): Promise<void> {
  const database = await openDatabase({ databaseUrl: url, dataDir: "unused" });
  try {
    for (const userId of userIds) await database.db.transaction((tx) => rebuildUserRollups(tx, userId));
  } finally {
    await database.close();
  }
}

async function signIn(server: Server): Promise<string> {
  const result = await post(server, `mutation($input: SignInInput!) { signIn(input: $input) { token } }`, {
    input: { login: MAIN_USERNAME, password: MAIN_PASSWORD },
  });
  return result.data!.signIn!.token!;
}

type Matrix = Map<string, LatencySummary>;
const cell = (stat: StatName, range: RangeName) => `${stat}|${range}`;

/** Each stat × range `samples` times, after unmeasured warm-up passes (JIT, plans and pools warm; cache primed when on). */
async function measureMatrix(server: Server, token: string, samples: number): Promise<Matrix> {
  const matrix: Matrix = new Map();
  // a fresh process compiles its hot paths during its first few hundred requests: without this
  // pass the first cells measured (ALL_TIME) pay for it
  for (let pass = 0; pass < WARMUP_PASSES; pass++) {
    for (const range of RANGES) for (const stat of STAT_NAMES) await post(server, ownStatQuery(stat), { range: { preset: range } }, token);
  }
  for (const range of RANGES) {
    for (const stat of STAT_NAMES) {
      const run = () => post(server, ownStatQuery(stat), { range: { preset: range } }, token);
      await run();
      const latencies: number[] = [];
      for (let i = 0; i < samples; i++) latencies.push(await timed(run));
      const summary = summarize(latencies);
      matrix.set(cell(stat, range), summary);
      log(`${stat} ${range}: p50 ${ms(summary.p50)} ms, p95 ${ms(summary.p95)} ms`);
    }
  }
  return matrix;
}

/**
 * Reads (Zipf over users × stats × ranges: dashboards ask for the same few things) with 1% of
 * operations recording a listen for the main user, which bumps their version and so misses.
 */
async function mixedPhase(server: Server, token: string, otherUsernames: string[], seed: number) {
  const random = seededRandom(seed);
  const users = [null, ...otherUsernames];
  const combos = users.flatMap((user) => RANGES.flatMap((range) => STAT_NAMES.map((stat) => ({ user, range, stat }))));
  const pick = zipfSampler(combos.length, 1.0);
  const before = await server.cacheStats();
  const reads: number[] = [];
  const writes: number[] = [];
  let next = 0;
  let written = 0;
  const worker = async () => {
    while (next < MIXED_OPERATIONS) {
      next += 1;
      if (random.chance(MIXED_WRITE_SHARE)) {
        const n = written++;
        writes.push(await timed(() => post(server, RECORD_LISTEN, { input: recordInput(n, "mixed") }, token)));
        continue;
      }
      const { user, range, stat } = combos[pick(random)]!;
      const variables = { range: { preset: range }, ...(user ? { username: user } : {}) };
      reads.push(await timed(() => post(server, user ? userStatQuery(stat) : ownStatQuery(stat), variables, token)));
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: MIXED_CONCURRENCY }, worker));
  const elapsed = performance.now() - start;
  const after = await server.cacheStats();
  const hits = after.hits - before.hits + (after.coalesced - before.coalesced);
  const lookups = hits + (after.misses - before.misses);
  return { reads: summarize(reads), writes: summarize(writes), hitRate: lookups ? hits / lookups : 0, perSecond: (MIXED_OPERATIONS / elapsed) * 1000 };
}

function recordInput(n: number, label: string) {
  return {
    trackTitle: `Bench Track ${n % 5000}`,
    artistName: `Bench Artist ${n % 5000}`,
    playedAt: new Date(Date.now() - 60_000 - n * 1_000).toISOString(),
    msPlayed: 200_000,
    platform: `bench-${label}`,
  };
}

async function measureWrites(server: Server, token: string): Promise<LatencySummary> {
  await post(server, RECORD_LISTEN, { input: recordInput(100_000, "warmup") }, token);
  const latencies: number[] = [];
  for (let i = 0; i < WRITE_SAMPLES; i++) {
    latencies.push(await timed(() => post(server, RECORD_LISTEN, { input: recordInput(200_000 + i, "write") }, token)));
  }
  return summarize(latencies);
}

type Mixed = Awaited<ReturnType<typeof mixedPhase>>;

function report(cold: Matrix, warm: Matrix, mixed: { first: Mixed; steady: Mixed }, write: LatencySummary, meta: string[]): string {
  const lines = [...meta, ""];
  lines.push("| stat | range | uncached p50 | uncached p95 | cached p50 | cached p95 | goal met |");
  lines.push("|---|---|---:|---:|---:|---:|---|");
  for (const range of RANGES) {
    for (const stat of STAT_NAMES) {
      const c = cold.get(cell(stat, range)) ?? summarize([]);
      const w = warm.get(cell(stat, range))!;
      const met = [Number.isNaN(c.p95) || c.p95 <= GOALS.uncachedP95 ? "" : "uncached ✗", w.p95 <= GOALS.cachedP95 ? "" : "cached ✗"].filter(Boolean).join(", ") || "✓";
      lines.push(`| ${stat} | ${range} | ${ms(c.p50)} | ${ms(c.p95)} | ${ms(w.p50)} | ${ms(w.p95)} | ${met} |`);
    }
  }
  lines.push("");
  lines.push(`Goals: uncached p95 ≤ ${GOALS.uncachedP95} ms, cached p95 ≤ ${GOALS.cachedP95} ms, one listen write p95 ≤ ${GOALS.writeP95} ms.`);
  lines.push("");
  lines.push(`- one recordListen (GraphQL, cache on): p50 ${ms(write.p50)} ms, p95 ${ms(write.p95)} ms (${write.samples} samples) ${write.p95 <= GOALS.writeP95 ? "✓" : "✗"}`);
  for (const [label, run] of [["empty cache for the other users", mixed.first], ["steady state (second pass)", mixed.steady]] as const) {
    lines.push(
      `- mixed phase, ${label} (${MIXED_OPERATIONS} operations, ${MIXED_CONCURRENCY} concurrent, ${MIXED_WRITE_SHARE * 100}% writes, Zipf over users × stats × ranges): ` +
        `hit rate ${(run.hitRate * 100).toFixed(1)}% (goal > 70%), reads p50 ${ms(run.reads.p50)} / p95 ${ms(run.reads.p95)} ms, ` +
        `writes p95 ${ms(run.writes.p95)} ms, ${run.perSecond.toFixed(0)} operations/s`,
    );
  }
  return lines.join("\n");
}

const log = (message: string) => console.error(`[bench:stats] ${message}`);
const seconds = (start: number) => `${((performance.now() - start) / 1000).toFixed(1)} s`;

async function main() {
  const scale = Number(process.env.BENCH_STATS_SCALE ?? 1);
  const shape = scaled(FULL_SHAPE, scale);
  const reuse = process.env.BENCH_STATS_DB;
  const database = reuse ? { url: reuse, drop: async () => {} } : await buildDatabase(shape);
  if (reuse) {
    // A database loaded by an earlier run: migrations bring it up to date (they backfill new rollups).
    log(`reusing ${reuse}`);
    const migrator = await openDatabase({ databaseUrl: reuse, dataDir: "unused" });
    await migrator.migrate();
    await migrator.close();
    const sql = postgres(reuse, { max: 1, onnotice: () => {} });
    await sql.unsafe("vacuum analyze");
    await sql.end({ timeout: 5 });
  }
  else log(`database ${new URL(database.url).pathname.slice(1)} (set BENCH_STATS_DB to reuse it)`);
  const otherUsernames = Array.from({ length: shape.otherUsers }, (_, i) => `bench_other_${i}`);
  try {
    let start = performance.now();
    let cold: Matrix = new Map();
    if (COLD_SAMPLES > 0) {
      const coldServer = await startServer(database.url, { STATS_CACHE: "off", REDIS_URL: "" });
      const coldToken = await signIn(coldServer);
      cold = await measureMatrix(coldServer, coldToken, COLD_SAMPLES);
      await coldServer.close();
      log(`cold matrix in ${seconds(start)}`);
    }

    start = performance.now();
    const redisUrl = process.env.REDIS_URL ?? "";
    const warmServer = await startServer(database.url, { STATS_CACHE: "on", REDIS_URL: redisUrl });
    const token = await signIn(warmServer);
    const warm = await measureMatrix(warmServer, token, WARM_SAMPLES);
    log(`warm matrix in ${seconds(start)}`);
    start = performance.now();
    const write = await measureWrites(warmServer, token);
    // First pass: the other users' entries start empty; second pass: steady state.
    const mixedFirst = await mixedPhase(warmServer, token, otherUsernames, 7);
    const mixed = await mixedPhase(warmServer, token, otherUsernames, 8);
    log(`writes and mixed phase in ${seconds(start)}`);
    await warmServer.close();

    const meta = [
      `Run ${new Date().toISOString()}; ${process.version}; PostgreSQL at ${new URL(database.url).host}; warm cache: ${redisUrl ? "Redis" : "in-process LRU"}.`,
      `Data: ${shape.mainListens} listens over ${shape.years} years for the measured user (zone Europe/Berlin), ${shape.otherUsers} × ${shape.otherListens} for others; ` +
        `${shape.artists} artists, ${shape.tracks} tracks (Zipf 1.0). Samples per cell: ${COLD_SAMPLES} uncached, ${WARM_SAMPLES} cached.`,
    ];
    console.log(report(cold, warm, { first: mixedFirst, steady: mixed }, write, meta));
  } finally {
    if (!reuse && !process.env.BENCH_STATS_KEEP) await database.drop();
  }
}

await main();
