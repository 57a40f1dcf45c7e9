/**
 * The ceiling for storing listens here: the same export, parsed by the same parsers, each play
 * resolved to a synthetic track id (no catalog work), streamed with COPY … FROM STDIN into a
 * bare copy of the listens table (same columns and indexes, no foreign keys) in its own
 * database. Also times a parse-only pass, so the parse share of the pipeline is known.
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase } from "../../src/db/client.js";
import { openImportSource } from "../../src/import/importSource.js";
import type { ParsedRow } from "../../src/import/importSource.js";
import { isCounted } from "../../src/modules/listen/countingRule.js";
import type { Play } from "../../src/modules/listen/play.js";
import type { BenchTarget } from "../support/benchDatabase.js";
import { type CpuSeconds, startCpuTime } from "../support/cpuTime.js";
import { copyLine } from "../support/copyText.js";
import { startPeakMemory, type PeakMemory } from "../support/peakMemory.js";
import { phaseMain } from "../support/phaseProcess.js";

export type CopyLimitInput = { target: BenchTarget; filePath: string };
export type CopyLimitResult = {
  rows: number;
  plays: number;
  parseSeconds: number;
  copySeconds: number;
  /** rows of the file per second through parse + COPY */
  rowsPerSecond: number;
  parseRowsPerSecond: number;
  /** CPU of the parse-only pass: the parser's speed whatever the machine's load */
  parseCpuSeconds: number;
  memory: PeakMemory;
  /** CPU used by the parse + COPY pass: this process and the COPY's backend */
  cpu: CpuSeconds;
};

const USER_ID = "00000000-0000-4000-8000-000000000001";
const COLUMNS = "user_id, track_id, played_at, ms_played, source, counted, skipped, platform, minute_precision";

async function* parsedRows(filePath: string): AsyncGenerator<ParsedRow> {
  const source = await openImportSource(filePath, { format: "SPOTIFY_EXTENDED" });
  yield* source.rows;
}

/** Same identity the catalog would give: the Spotify id when there is one, else names. */
function trackKey(play: Play): string {
  const track = play.track;
  return track.spotifyId ?? `${track.artistNames.join("\u0001")}\u0002${track.title}\u0002${track.albumTitle ?? ""}`.toLowerCase();
}

async function* copyLines(filePath: string, counts: { rows: number; plays: number }): AsyncGenerator<string> {
  const trackIds = new Map<string, string>();
  let batch = "";
  for await (const row of parsedRows(filePath)) {
    counts.rows += 1;
    if (row.kind !== "play") continue;
    counts.plays += 1;
    const { play } = row;
    const key = trackKey(play);
    let trackId = trackIds.get(key);
    if (!trackId) trackIds.set(key, (trackId = randomUUID()));
    batch += copyLine([
      USER_ID,
      trackId,
      play.playedAt.toISOString(),
      play.msPlayed,
      "SPOTIFY_EXTENDED",
      isCounted(play.msPlayed, play.track.durationMs),
      play.skipped,
      play.platform,
      row.minutePrecision ?? false,
    ]);
    // hand the stream ~64 KB at a time: one chunk per row costs more than the COPY itself
    if (batch.length >= 65_536) {
      yield batch;
      batch = "";
    }
  }
  if (batch) yield batch;
}

async function prepareBareTable(target: BenchTarget): Promise<void> {
  const handle = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir, poolSize: 1 });
  try {
    await handle.migrate();
    // LIKE copies columns, defaults, identity and indexes, not foreign keys: the bare table
    await handle.db.execute(sql.raw("create table bare_listens (like listens including defaults including identity including indexes)"));
  } finally {
    await handle.close();
  }
}

async function copyIntoPostgres(databaseUrl: string, filePath: string, counts: { rows: number; plays: number }): Promise<CpuSeconds> {
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [backend] = await client<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const cpu = await startCpuTime(async () => [backend!.pid]);
    const writable = await client.unsafe(`copy bare_listens (${COLUMNS}) from stdin`).writable();
    await pipeline(Readable.from(copyLines(filePath, counts)), writable);
    return await cpu.stop();
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** PGlite takes COPY input as a blob: feed it in slices of ~8 MB so memory stays bounded. */
async function copyIntoPglite(dataDir: string, filePath: string, counts: { rows: number; plays: number }): Promise<CpuSeconds> {
  const pg = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const cpu = await startCpuTime(null);
  try {
    let parts: string[] = [];
    let size = 0;
    const flush = async () => {
      if (size === 0) return;
      await pg.query(`copy bare_listens (${COLUMNS}) from '/dev/blob'`, [], { blob: new Blob(parts) });
      parts = [];
      size = 0;
    };
    for await (const chunk of copyLines(filePath, counts)) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= 8_000_000) await flush();
    }
    await flush();
    return await cpu.stop();
  } finally {
    await pg.close();
  }
}

async function run({ target, filePath }: CopyLimitInput): Promise<CopyLimitResult> {
  await prepareBareTable(target);
  const memory = startPeakMemory();

  let parseStarted = performance.now();
  const parseCpu = await startCpuTime(null);
  let parsedCount = 0;
  for await (const _row of parsedRows(filePath)) parsedCount += 1;
  const parseSeconds = (performance.now() - parseStarted) / 1000;
  const parseCpuSeconds = (await parseCpu.stop()).node;

  const counts = { rows: 0, plays: 0 };
  parseStarted = performance.now();
  const cpu =
    target.backend === "postgres" ? await copyIntoPostgres(target.databaseUrl!, filePath, counts) : await copyIntoPglite(target.dataDir, filePath, counts);
  const copySeconds = (performance.now() - parseStarted) / 1000;
  if (parsedCount !== counts.rows) throw new Error(`parse-only saw ${parsedCount} rows, COPY pass ${counts.rows}`);

  return {
    rows: counts.rows,
    plays: counts.plays,
    parseSeconds,
    copySeconds,
    rowsPerSecond: counts.rows / copySeconds,
    parseRowsPerSecond: parsedCount / parseSeconds,
    parseCpuSeconds,
    memory: memory.stop(),
    cpu,
  };
}

await phaseMain(run);
