import { access } from "node:fs/promises";
import type { Database } from "../../db/client.js";
import type { ImportFormat, ImportRow, ListenSource } from "../../db/schema.js";
import { ImportFileError, openImportSource } from "../../import/importSource.js";
import type { Logger } from "../../platform/logger.js";
import type { PubSub } from "../../platform/pubsub.js";
import { importRepository, MAX_STORED_ERRORS } from "./import.repository.js";
import { publishImportProgress } from "./importProgress.topic.js";
import { ImportBatchWriter, type PendingBatch } from "./import.writer.js";
import { removeUpload } from "./upload.store.js";

export type ImportRunDeps = { db: Database; logger: Logger; pubsub: PubSub };

/**
 * Rows per transaction: big enough to amortize statements, small enough that a batch commits in
 * well under a second (progress events and cancels stay prompt). Starts at BATCH_ROWS (an early
 * first progress event) and adapts to the measured write time, up to MAX_BATCH_ROWS (new tracks
 * cost far more than known ones; PGlite is slower).
 */
export const BATCH_ROWS = 1_000;
const MIN_BATCH_ROWS = 250;
// 10k rows kept three overlapping stages' worth of rows and parsed objects alive: 325 MB peak at
// 1M rows on a quiet machine (goal < 300 MB); 5k: 271 MB, 8% fewer rows/s (bench/RESULTS.md)
const MAX_BATCH_ROWS = 5_000;
const TARGET_WRITE_MS = 300;
const HEARTBEAT_MS = 1_000;
/** A batch is committed at least this often, so progress events and cancels stay prompt. */
export const BATCH_MAX_MS = 400;

const SOURCE_OF: Record<ImportFormat, ListenSource> = {
  SPOTIFY_EXTENDED: "SPOTIFY_EXTENDED",
  SPOTIFY_ACCOUNT: "SPOTIFY_ACCOUNT",
  LASTFM_CSV: "LASTFM",
  LASTFM_JSON: "LASTFM",
  LISTENBRAINZ: "LISTENBRAINZ",
  APPLE_MUSIC: "APPLE_MUSIC",
  YOUTUBE_MUSIC: "YOUTUBE_MUSIC",
};

export type RunOutcome = "SUCCEEDED" | "FAILED" | "CANCELLED" | "STOPPED";

const emptyBatch = (position: number): PendingBatch => ({ plays: [], skipped: 0, failed: 0, errors: [], position });

/**
 * Runs one RUNNING import from its checkpoint to the end: re-opens the upload, skips rows up to
 * the last committed position, commits batches (rows + counters together), and ends it
 * SUCCEEDED, FAILED (file damaged or gone: rows read before the damage stay) or CANCELLED. When
 * `shouldStop()` turns true (server shutdown) it returns STOPPED after the current batch and
 * leaves the import RUNNING, to be resumed by the next start. The file is deleted when it ends.
 */
export async function runImport(deps: ImportRunDeps, row: ImportRow, shouldStop: () => boolean = () => false): Promise<RunOutcome> {
  const log = deps.logger.child({ importId: row.id });
  const end = async (status: "SUCCEEDED" | "FAILED" | "CANCELLED", failure?: { message: string; position: number }) => {
    await importRepository.finish(deps.db, row.id, {
      status,
      ...(failure ? { failureMessage: failure.message, error: failure } : {}),
    });
    await removeUpload(row.filePath);
    await publishImportProgress(deps.pubsub, row.id);
    log.info({ status }, "import ended");
    return status;
  };

  if (!row.filePath || !(await access(row.filePath).then(() => true, () => false))) {
    return end("FAILED", { message: "the uploaded file is gone (removed before the import could finish); upload it again", position: 0 });
  }
  const resumeAfter = typeof row.checkpoint?.position === "number" ? row.checkpoint.position : 0;
  const writer = new ImportBatchWriter(deps.db, {
    importId: row.id,
    userId: row.userId,
    source: SOURCE_OF[row.format ?? "SPOTIFY_EXTENDED"],
    storedErrors: row.errors.length,
    maxErrors: MAX_STORED_ERRORS,
  });

  let batch = emptyBatch(resumeAfter);
  let batchStarted = Date.now();
  let batchRows = BATCH_ROWS;
  type Outcome = "cancel" | "stop" | "go";

  /** After a commit (or a batch with nothing to commit): progress, adapt the size, cancel / stop. */
  const afterWrite = async (cancelRequested: boolean): Promise<Outcome> => {
    await publishImportProgress(deps.pubsub, row.id);
    if (cancelRequested) return "cancel";
    // let requests waiting for the database go first (PGlite is one connection)
    await new Promise((resolve) => setImmediate(resolve));
    return shouldStop() ? "stop" : "go";
  };
  const adapt = (took: number, plays: number) => {
    if (took > 2 * TARGET_WRITE_MS) batchRows = Math.max(MIN_BATCH_ROWS, Math.floor(batchRows / 2));
    else if (took < TARGET_WRITE_MS / 2 && plays >= batchRows / 2) batchRows = Math.min(MAX_BATCH_ROWS, batchRows * 2);
  };

  /*
   * A three-stage pipeline on 2 cores: while batch N commits (its listens transaction), batch
   * N+1's tracks are resolved (catalog transaction, on another connection) and batch N+2 is read
   * and parsed. Commits still run one at a time and in file order, each with its counters and
   * checkpoint, so what is committed is always a prefix of the file, exactly as before.
   * `queue` holds the outcome of every batch handed over and not yet settled (at most two).
   */
  const queue: Promise<Outcome>[] = [];
  let lastCommit: Promise<Outcome> = Promise.resolve("go");
  let idle = true;
  let pendingWrites = 0;
  /** set as soon as a commit reports cancel / stop, so the reading loop stops at its next row */
  let halted: Outcome | null = null;
  const handOver = async (): Promise<Outcome> => {
    if (halted) return drain();
    const pending = batch;
    batch = emptyBatch(pending.position);
    while (queue.length >= 2) {
      const oldest = await queue.shift()!;
      if (oldest !== "go") {
        queue.unshift(Promise.resolve(oldest));
        return drain();
      }
    }
    const previous = lastCommit;
    pendingWrites += 1;
    idle = false;
    let prepareMs = 0;
    const prepareStarted = Date.now();
    const prepared = writer.prepare(pending, previous).then((ready) => {
      prepareMs = Date.now() - prepareStarted;
      return ready;
    });
    prepared.catch(() => {}); // awaited below; not unhandled meanwhile
    const committed = (async (): Promise<Outcome> => {
      try {
        const before = await previous;
        if (before !== "go") {
          await prepared.catch(() => {});
          return before;
        }
        const ready = await prepared;
        const commitStarted = Date.now();
        const { cancelRequested } = await writer.commit(ready);
        // the slower of the batch's two stages (they overlap; waits not counted)
        adapt(Math.max(prepareMs, Date.now() - commitStarted), pending.plays.length);
        const outcome = await afterWrite(cancelRequested);
        if (outcome !== "go") halted ??= outcome;
        return outcome;
      } finally {
        pendingWrites -= 1;
        if (pendingWrites === 0) {
          idle = true;
          // the next batch's clock starts now: counting this write's time would cut it after one row
          batchStarted = Date.now();
        }
      }
    })();
    committed.catch(() => {}); // awaited by drain() or the queue; not unhandled meanwhile
    lastCommit = committed;
    queue.push(committed);
    return "go";
  };
  /** Waits for every batch handed over; the first outcome that is not "go" wins. */
  const drain = async (): Promise<Outcome> => {
    let outcome: Outcome = "go";
    while (queue.length > 0) {
      const next = await queue.shift()!;
      if (outcome === "go") outcome = next;
    }
    return outcome;
  };
  /** The last batch (written even when empty of plays: it carries the final counts and position). */
  const finalCommit = async (): Promise<Outcome> => {
    const pending = batch;
    batch = emptyBatch(pending.position);
    if (pending.plays.length + pending.skipped + pending.failed > 0 || pending.errors.length > 0) {
      const { cancelRequested } = await writer.write(pending);
      return afterWrite(cancelRequested);
    }
    if ((await importRepository.findById(deps.db, row.id))?.cancelRequested) return "cancel";
    return shouldStop() ? "stop" : "go";
  };

  // subscribers hear at least once a second, even while a slow stretch of the file is being read
  const heartbeat = setInterval(() => void publishImportProgress(deps.pubsub, row.id).catch(() => {}), HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const source = await openImportSource(row.filePath, { format: row.format, fileName: row.fileName });
    for await (const parsed of source.rows) {
      if (parsed.position <= resumeAfter) continue;
      batch.position = parsed.position;
      if (parsed.kind === "play") {
        batch.plays.push({
          position: parsed.position,
          play: { ...parsed.play, importId: row.id },
          minutePrecision: parsed.minutePrecision ?? false,
          needsArtist: parsed.needsArtist ?? false,
        });
      } else if (parsed.kind === "skip") batch.skipped += 1;
      else {
        batch.failed += 1;
        batch.errors.push({ position: parsed.position, message: parsed.message });
      }
      const size = batch.plays.length + batch.skipped + batch.failed;
      if (size >= batchRows || halted !== null || (idle && Date.now() - batchStarted >= BATCH_MAX_MS)) {
        const next = await handOver();
        if (next === "cancel") return end("CANCELLED");
        if (next === "stop") return "STOPPED";
      }
    }
    const previous = await drain();
    if (previous === "cancel") return end("CANCELLED");
    if (previous === "stop") return "STOPPED";
    const last = await finalCommit();
    if (last === "cancel") return end("CANCELLED");
    return end("SUCCEEDED");
  } catch (error) {
    if (!(error instanceof ImportFileError)) {
      await Promise.allSettled(queue);
      throw error;
    }
    // keep what was read before the damage, then fail with where and why
    const previous = await drain();
    if (previous === "cancel") return end("CANCELLED");
    if (previous === "stop") return "STOPPED";
    const last = await finalCommit();
    if (last === "cancel") return end("CANCELLED");
    const position = error.position ?? batch.position + 1;
    return end("FAILED", { message: `file damaged at position ${position}: ${error.message}`, position });
  } finally {
    clearInterval(heartbeat);
  }
}
