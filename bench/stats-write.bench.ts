/**
 * npm run bench:stats-write — what the stats rollups add to a listen write, on PostgreSQL.
 *
 * A fresh database, one user (Europe/Berlin) with BENCH_WRITE_PRELOAD listens (default 100k,
 * 12 years, 2000 tracks) stored through the import path so the rollups have a realistic size;
 * then p50/p95 of one listen written bare (INSERT in a transaction) vs with applyListenRollups,
 * the whole recordListensForUser command, and 1000-row batches bare vs with rollups (import
 * throughput). Env: DATABASE_URL (admin URL), BENCH_WRITE_SAMPLES, BENCH_WRITE_PRELOAD.
 */
import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { openDatabase } from "../src/db/client.js";
import { users } from "../src/db/schema.js";
import { resolveTracks } from "../src/modules/catalog/trackResolution.service.js";
import { duplicateRuleRepository, type ListenCandidate } from "../src/modules/listen/duplicateRule.repository.js";
import { listenRepository, type NewListenRow } from "../src/modules/listen/listen.repository.js";
import { recordListensForUser } from "../src/modules/listen/recordListens.command.js";
import { applyListenRollups, bumpStatsVersion } from "../src/modules/stats/statsRollup.repository.js";
import { seededRandom } from "./generate/seededRandom.js";
import { ms, summarize } from "./stats/latency.js";
import { createFreshTarget } from "./support/benchDatabase.js";

const ADMIN_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SAMPLES = Number(process.env.BENCH_WRITE_SAMPLES ?? 300);
const PRELOAD = Number(process.env.BENCH_WRITE_PRELOAD ?? 100_000);
const BATCH = 1000;
const BATCH_SAMPLES = 15;
const TRACKS = 2000;
const YEARS_MS = 12 * 365 * 24 * 3600 * 1000;
const END = Date.parse("2026-06-01T00:00:00Z");

const random = seededRandom(42).next;
const target = await createFreshTarget("postgres", ADMIN_URL, "statswrite");
const handle = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: "unused", poolSize: 4 });
try {
  await handle.migrate();
  const { db } = handle;
  const [user] = await db
    .insert(users)
    .values({ username: "bench_write", email: "bench_write@example.test", passwordHash: null, timezone: "Europe/Berlin" })
    .returning();
  const userId = user!.id;
  const references = Array.from({ length: TRACKS }, (_, i) => ({
    title: `Song ${i}`,
    artistNames: [`Band ${i % 300}`],
    albumTitle: `Record ${i % 600}`,
    durationMs: 150_000 + (i % 120) * 1000,
  }));
  const trackIds: string[] = [];
  for (let i = 0; i < TRACKS; i += 500) trackIds.push(...(await resolveTracks(db, references.slice(i, i + 500))));

  const track = () => trackIds[Math.floor(random() * TRACKS)]!;
  const playedAt = () => new Date(END - Math.floor(random() * YEARS_MS));
  const candidate = (): ListenCandidate => ({
    trackId: track(),
    playedAt: playedAt(),
    msPlayed: 120_000 + Math.floor(random() * 100_000),
    counted: true,
    skipped: false,
    platform: null,
    minutePrecision: false,
  });
  const row = (c = candidate()): NewListenRow => ({ userId, trackId: c.trackId, playedAt: c.playedAt, msPlayed: c.msPlayed, source: "MANUAL", counted: true });

  const started = performance.now();
  for (let loaded = 0; loaded < PRELOAD; loaded += BATCH) {
    await db.transaction((tx) =>
      duplicateRuleRepository.insertNewCounting(tx, { userId, source: "SPOTIFY_EXTENDED", importId: null, candidates: Array.from({ length: BATCH }, candidate) }),
    );
  }
  console.error(`preloaded ${PRELOAD} listens in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const time = async (run: () => Promise<unknown>) => {
    const start = performance.now();
    await run();
    return performance.now() - start;
  };
  const single = { bare: [] as number[], rollups: [] as number[], command: [] as number[] };
  for (let i = 0; i < SAMPLES; i += 1) {
    single.bare.push(await time(() => db.transaction((tx) => listenRepository.insertMany(tx, [row()]))));
    single.rollups.push(
      await time(() =>
        db.transaction(async (tx) => {
          await bumpStatsVersion(tx, [userId]);
          const rows = await listenRepository.insertMany(tx, [row()]);
          await applyListenRollups(tx, rows, 1);
        }),
      ),
    );
    const c = candidate();
    const reference = references[trackIds.indexOf(c.trackId)]!;
    single.command.push(
      await time(() => recordListensForUser(db, userId, [{ track: reference, playedAt: c.playedAt, msPlayed: c.msPlayed, skipped: null, platform: null }], "MANUAL")),
    );
  }
  const batch = { bare: [] as number[], rollups: [] as number[] };
  for (let i = 0; i < BATCH_SAMPLES; i += 1) {
    batch.bare.push(await time(() => db.transaction((tx) => listenRepository.insertMany(tx, Array.from({ length: BATCH }, () => row())))));
    batch.rollups.push(
      await time(() =>
        db.transaction((tx) =>
          duplicateRuleRepository.insertNewCounting(tx, { userId, source: "SPOTIFY_EXTENDED", importId: null, candidates: Array.from({ length: BATCH }, candidate) }),
        ),
      ),
    );
  }

  const line = (name: string, samples: number[]) => {
    const s = summarize(samples);
    return `| ${name} | ${s.samples} | ${ms(s.p50)} | ${ms(s.p95)} |`;
  };
  const rate = (samples: number[]) => Math.round((BATCH * 1000) / summarize(samples).p50);
  console.log(`## Stats rollups: write cost (PostgreSQL, ${PRELOAD} listens preloaded, ${new Date().toISOString().slice(0, 10)})\n`);
  console.log("| write | samples | p50 ms | p95 ms |\n|---|---|---|---|");
  console.log(line("one listen, bare INSERT (transaction)", single.bare));
  console.log(line("one listen, INSERT + applyListenRollups", single.rollups));
  console.log(line("recordListensForUser (catalog + duplicate rule + rollups)", single.command));
  console.log(line(`${BATCH} listens, bare INSERT`, batch.bare));
  console.log(line(`${BATCH} listens, import insert (duplicate rule + rollups)`, batch.rollups));
  console.log(`\nbatch throughput (p50): bare ${rate(batch.bare)} rows/s, import insert with rollups ${rate(batch.rollups)} rows/s`);
} finally {
  await handle.close();
  await target.drop();
}
