import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { Database } from "../../db/client.js";
import type { ImportFormat, ImportRow } from "../../db/schema.js";
import { ImportFileError, openImportSource } from "../../import/importSource.js";
import { badUserInput, forbidden, notFound } from "../../platform/errors.js";
import { fromGlobalId } from "../../platform/globalId.js";
import { type ConnectionArgs, encodeCursor, pageFromRows, type Page, parsePageRequest } from "../../platform/pagination.js";
import type { PubSub } from "../../platform/pubsub.js";
import { requireViewer } from "../auth/auth.guard.js";
import type { Viewer } from "../auth/viewer.js";
import { type ImportCursor, importRepository } from "./import.repository.js";
import { IMPORT_QUEUED_TOPIC, type ImportProgressEvent, importProgressTopic } from "./importProgress.topic.js";
import { removeUpload, saveUpload, uploadPath, UploadTooLargeError } from "./upload.store.js";

export type ImportServiceDeps = { db: Database; pubsub: PubSub; dataDir: string; maxUploadBytes: number };

/** An upload as both paths (GraphQL multipart, POST /api/imports) hand it over. */
export type IncomingUpload = { stream: Readable; fileName: string | null };
/** An upload stored under DATA_DIR, not yet checked nor queued. */
export type ReceivedUpload = { id: string; path: string; bytes: number; fileName: string | null };

const TERMINAL = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);

const isImportCursor = (value: unknown): value is ImportCursor =>
  Array.isArray(value) && value.length === 2 && Number.isFinite(value[0]) && typeof value[1] === "string" && /^[0-9a-f-]{36}$/.test(value[1]);

export const importCursor = (row: ImportRow) => encodeCursor([row.createdAt.getTime(), row.id]);

/** Imports: rules and access. Everything is the viewer's own; nobody else sees an import. */
export class ImportService {
  constructor(private readonly deps: ImportServiceDeps) {}

  /** The viewer's import; null when it is someone else's, unknown, or the viewer is signed out. */
  async findOwn(viewer: Viewer | null, id: string): Promise<ImportRow | null> {
    if (!viewer) return null;
    const row = await importRepository.findById(this.deps.db, fromGlobalId("Import", id, "id"));
    return row && row.userId === viewer.userId ? row : null;
  }

  async list(viewer: Viewer | null, args: ConnectionArgs): Promise<{ page: Page<ImportRow>; count: () => Promise<number> }> {
    const signedIn = requireViewer(viewer);
    if (args.last != null || args.before != null) throw badUserInput("last", "imports page forward only: use first/after");
    const request = parsePageRequest(args, isImportCursor);
    const rows = await importRepository.findPage(this.deps.db, signedIn.userId, request);
    return { page: pageFromRows(rows, request), count: () => importRepository.count(this.deps.db, signedIn.userId) };
  }

  /**
   * Stores the upload under DATA_DIR (streamed, size-limited), checks that it is an export we
   * can read (format detected when not given), and queues it. Returns once queued; the runner
   * does the rest. A bad file is a BAD_USER_INPUT on `file` and leaves nothing behind.
   */
  async start(viewer: Viewer | null, upload: IncomingUpload, format: ImportFormat | null): Promise<ImportRow> {
    return this.queue(viewer, await this.receive(viewer, upload), format);
  }

  /** Streams an upload to its file under DATA_DIR (size-limited); step one of `start`. */
  async receive(viewer: Viewer | null, upload: IncomingUpload): Promise<ReceivedUpload> {
    requireViewer(viewer);
    const id = randomUUID();
    const path = uploadPath(this.deps.dataDir, id);
    try {
      const bytes = await saveUpload(upload.stream, path, this.deps.maxUploadBytes);
      return { id, path, bytes, fileName: upload.fileName };
    } catch (error) {
      if (error instanceof UploadTooLargeError) throw badUserInput("file", error.message);
      throw error;
    }
  }

  /** Checks a received upload is an export we can read (detecting its format) and queues it; step two of `start`. */
  async queue(viewer: Viewer | null, received: ReceivedUpload, format: ImportFormat | null): Promise<ImportRow> {
    const signedIn = requireViewer(viewer);
    let detected: ImportFormat;
    try {
      if (received.bytes === 0) throw new ImportFileError("the file is empty");
      const source = await openImportSource(received.path, { format, fileName: received.fileName });
      detected = source.format;
      // read one row, then stop: a generator only runs its cleanup (temporary files) once started
      const rows = source.rows[Symbol.asyncIterator]();
      await rows.next();
      await rows.return?.();
    } catch (error) {
      await removeUpload(received.path);
      if (error instanceof ImportFileError) throw badUserInput("file", error.message);
      throw error;
    }
    const row = await importRepository.create(this.deps.db, {
      id: received.id,
      userId: signedIn.userId,
      format: detected,
      fileName: received.fileName,
      filePath: received.path,
      fileBytes: received.bytes,
    });
    await this.deps.pubsub.publish(IMPORT_QUEUED_TOPIC, { id: row.id });
    return row;
  }

  /** Cancels a QUEUED import at once, or asks the runner to stop a RUNNING one (within a second). */
  async cancel(viewer: Viewer | null, id: string): Promise<ImportRow> {
    const signedIn = requireViewer(viewer);
    const row = await importRepository.requestCancel(this.deps.db, signedIn.userId, fromGlobalId("Import", id, "id"));
    if (!row) throw notFound("Import");
    if (row.status === "CANCELLED" && row.filePath) {
      await removeUpload(row.filePath);
      await importRepository.finish(this.deps.db, row.id, { status: "CANCELLED" });
    }
    await this.deps.pubsub.publish(importProgressTopic(row.id), { id: row.id } satisfies ImportProgressEvent);
    return row;
  }

  /**
   * importProgress: the import now, then again on every committed batch (at least every
   * second while it runs) and a last time with its end status; then it completes.
   */
  async progress(viewer: Viewer | null, id: string): Promise<AsyncIterable<ImportRow>> {
    const signedIn = requireViewer(viewer);
    const key = fromGlobalId("Import", id, "id");
    const events = this.deps.pubsub.subscribe<ImportProgressEvent>(importProgressTopic(key));
    const first = await importRepository.findById(this.deps.db, key);
    if (!first || first.userId !== signedIn.userId) {
      await events.return?.();
      throw forbidden("You may only follow your own imports");
    }
    const db = this.deps.db;
    return (async function* () {
      try {
        let row: ImportRow | null = first;
        yield row;
        while (!TERMINAL.has(row.status)) {
          const next = await events.next();
          if (next.done) return;
          row = await importRepository.findById(db, key);
          if (!row) return;
          yield row;
        }
      } finally {
        await events.return?.();
      }
    })();
  }
}
