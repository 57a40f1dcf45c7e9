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
const MAX_BATCH_ROWS = 10_000;
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
  const commit = async (): Promise<"cancel" | "stop" | "go"> => {
    const pending = batch;
    batch = emptyBatch(pending.position);
    if (pending.plays.length + pending.skipped + pending.failed > 0 || pending.errors.length > 0) {
      const writeStarted = Date.now();
      const { cancelRequested } = await writer.write(pending);
      const took = Date.now() - writeStarted;
      if (took > 2 * TARGET_WRITE_MS) batchRows = Math.max(MIN_BATCH_ROWS, Math.floor(batchRows / 2));
      else if (took < TARGET_WRITE_MS / 2 && pending.plays.length >= batchRows / 2) batchRows = Math.min(MAX_BATCH_ROWS, batchRows * 2);
      await publishImportProgress(deps.pubsub, row.id);
      if (cancelRequested) return "cancel";
      // let requests waiting for the database go first (PGlite is one connection)
      await new Promise((resolve) => setImmediate(resolve));
    } else if ((await importRepository.findById(deps.db, row.id))?.cancelRequested) return "cancel";
    // the next batch's clock starts now: counting this write's time would cut it after one row
    batchStarted = Date.now();
    return shouldStop() ? "stop" : "go";
  };

  // One write in flight while the next batch is read (parse and database work overlap on 2
  // cores). Writes still run one at a time and in file order, so checkpoints stay exact.
  let inflight: Promise<"cancel" | "stop" | "go"> | null = null;
  let inflightDone = true;
  const settleInflight = async (): Promise<"cancel" | "stop" | "go"> => {
    const outcome = inflight ? await inflight : "go";
    inflight = null;
    return outcome;
  };
  const commitAhead = async (): Promise<"cancel" | "stop" | "go"> => {
    const previous = await settleInflight();
    if (previous !== "go") return previous;
    inflightDone = false;
    const write = commit().finally(() => {
      inflightDone = true;
    });
    write.catch(() => {}); // awaited by the next settleInflight; not unhandled meanwhile
    inflight = write;
    return "go";
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
      if (size >= batchRows || (inflightDone && Date.now() - batchStarted >= BATCH_MAX_MS)) {
        const next = await commitAhead();
        if (next === "cancel") return end("CANCELLED");
        if (next === "stop") return "STOPPED";
      }
    }
    const previous = await settleInflight();
    if (previous === "cancel") return end("CANCELLED");
    if (previous === "stop") return "STOPPED";
    const last = await commit();
    if (last === "cancel") return end("CANCELLED");
    return end("SUCCEEDED");
  } catch (error) {
    if (!(error instanceof ImportFileError)) {
      await (inflight as Promise<unknown> | null)?.catch(() => {});
      throw error;
    }
    // keep what was read before the damage, then fail with where and why
    const previous = await settleInflight();
    if (previous === "cancel") return end("CANCELLED");
    if (previous === "stop") return "STOPPED";
    const last = await commit();
    if (last === "cancel") return end("CANCELLED");
    const position = error.position ?? batch.position + 1;
    return end("FAILED", { message: `file damaged at position ${position}: ${error.message}`, position });
  } finally {
    clearInterval(heartbeat);
  }
}
