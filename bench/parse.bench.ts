/**
 * npm run bench:parse — import parser throughput on a generated Spotify Extended history.
 *
 * Writes BENCH_PARSE_ROWS rows (default 200 000) twice: as one pretty-printed JSON file
 * (~130 MB: above the one-shot parse cap, so the streaming element splitter runs) and as a
 * my_spotify_data.zip split into ~12 MB files like real exports (one JSON.parse per entry).
 * For each it prints rows/s for raw `JSON.parse` of the same bytes (the ceiling) and for
 * `openImportSource` (read, inflate, parse, normalize into ParsedRows), per wall second and per
 * CPU second (the machine is shared), plus peak memory (heap + buffers).
 */
import { readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import { performance } from "node:perf_hooks";
import yauzl from "yauzl";
import { openImportSource } from "../src/import/importSource.js";
import { type ExportPlay, exportDirectory, spotifyExtendedJson, spotifyExtendedZip } from "../test/factories/exports.factory.js";

const ROWS = Number(process.env.BENCH_PARSE_ROWS ?? 200_000);
/** ~650 bytes a row pretty-printed: 18 000 rows ≈ 12 MB, the size of a real export file */
const ROWS_PER_FILE = 18_000;

function generatePlays(count: number): ExportPlay[] {
  const start = Date.UTC(2015, 0, 1);
  return Array.from({ length: count }, (_, index) => ({
    artist: `Artist ${index % 4_000}`,
    title: `Track title number ${index % 60_000}`,
    album: `Album ${index % 9_000}`,
    startedAt: new Date(start + index * 200_000),
    msPlayed: 1_000 + ((index * 7919) % 300_000),
  }));
}

/** JS heap + buffers (RSS keeps memory freed by earlier runs, so it would not tell runs apart) */
const liveBytes = () => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
};
let peakLive = 0;
const sampler = setInterval(() => {
  peakLive = Math.max(peakLive, liveBytes());
}, 10);

/** Best of BENCH_PARSE_RUNS runs (default 2: the first one also pays for JIT warm-up). */
async function measure(label: string, run: () => Promise<number>): Promise<void> {
  let seconds = Infinity;
  let cpuSeconds = Infinity;
  let rows = 0;
  peakLive = 0;
  for (let attempt = 0; attempt < Number(process.env.BENCH_PARSE_RUNS ?? 2); attempt++) {
    global.gc?.();
    const started = performance.now();
    const cpu = process.cpuUsage();
    rows = await run();
    const used = process.cpuUsage(cpu);
    seconds = Math.min(seconds, (performance.now() - started) / 1000);
    cpuSeconds = Math.min(cpuSeconds, (used.user + used.system) / 1e6);
  }
  const rate = (value: number) => Math.round(value).toLocaleString("en");
  console.log(
    `| ${label} | ${rows.toLocaleString("en")} | ${seconds.toFixed(2)} s | ${rate(rows / seconds)} | ${rate(rows / cpuSeconds)} | ${Math.round(peakLive / 1024 ** 2)} MB |`,
  );
}

async function parseWithImportSource(path: string, fileName: string): Promise<number> {
  const source = await openImportSource(path, { fileName });
  let rows = 0;
  for await (const row of source.rows) if (row.kind === "play" || row.kind === "skip") rows++;
  return rows;
}

/** The ceiling: JSON.parse of each audio-history entry of the zip, inflated in memory. */
async function rawParseZip(path: string): Promise<number> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  let rows = 0;
  for (const entry of entries.filter((candidate) => /Streaming_History_Audio_/.test(candidate.fileName))) {
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      zip.openReadStream(entry, (error, readable) => (error ? reject(error) : resolve(readable))),
    );
    const parts: Buffer[] = [];
    for await (const chunk of stream) parts.push(chunk as Buffer);
    rows += (JSON.parse(Buffer.concat(parts).toString("utf8")) as unknown[]).length;
  }
  zip.close();
  return rows;
}

async function main(): Promise<void> {
  const plays = generatePlays(ROWS);
  const single = await spotifyExtendedJson(plays);
  const zip = await spotifyExtendedZip(plays, { perFile: ROWS_PER_FILE });
  plays.length = 0;
  const singleMb = (await stat(single.path)).size / 1024 ** 2;
  const zipMb = (await stat(zip.path)).size / 1024 ** 2;
  console.log(`Spotify Extended, ${ROWS.toLocaleString("en")} rows: one ${singleMb.toFixed(0)} MB JSON file; a ${zipMb.toFixed(0)} MB zip of ${Math.ceil(ROWS / ROWS_PER_FILE)} files\n`);
  console.log(`load average ${os.loadavg().map((load) => load.toFixed(1)).join(" ")} on ${os.cpus().length} CPUs (rows per CPU-second compare across busy runs)\n`);
  console.log("| parse | rows | best wall time | rows/s | rows per CPU-s | peak heap + buffers |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  await measure("raw JSON.parse, one file (readFile + parse)", async () => (JSON.parse(await readFile(single.path, "utf8")) as unknown[]).length);
  await measure("openImportSource, one file (streaming splitter)", () => parseWithImportSource(single.path, single.fileName));
  await measure("raw JSON.parse per zip entry", () => rawParseZip(zip.path));
  await measure("openImportSource, zip of ~12 MB entries", () => parseWithImportSource(zip.path, zip.fileName));
  clearInterval(sampler);
  await rm(await exportDirectory(), { recursive: true, force: true });
}

await main();
