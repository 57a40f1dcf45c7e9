import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { type Executor, selectRows } from "../../db/client.js";
import { type ImportFormat, type ImportRow, type ImportStatus, imports } from "../../db/schema.js";
import type { PageRequest } from "../../platform/pagination.js";

/** Keyset position in (created_at desc, id desc) order: [createdAt epoch ms, imports.id]. */
export type ImportCursor = [number, string];

export type RowError = { position: number; message: string };

/** What one committed batch adds to an import's counters. */
export type BatchProgress = {
  inserted: number;
  duplicates: number;
  skipped: number;
  failed: number;
  /** errors and warnings to append (the caller keeps the stored list at 100) */
  errors: RowError[];
  /** last row position this batch covers: a resumed run skips rows up to here */
  position: number;
};

export const MAX_STORED_ERRORS = 100;

/** Imports' SQL, and nothing else. */
export const importRepository = {
  async create(
    executor: Executor,
    row: { id: string; userId: string; format: ImportFormat; fileName: string | null; filePath: string; fileBytes: number },
  ): Promise<ImportRow> {
    const [created] = await executor.insert(imports).values(row).returning();
    return created!;
  },

  async findByIds(executor: Executor, ids: readonly string[]): Promise<ImportRow[]> {
    if (ids.length === 0) return [];
    return executor.select().from(imports).where(inArray(imports.id, [...ids]));
  },

  async findById(executor: Executor, id: string): Promise<ImportRow | null> {
    const [row] = await executor.select().from(imports).where(eq(imports.id, id));
    return row ?? null;
  },

  /** One page of a user's imports, newest first, `limit + 1` rows (forward only). */
  async findPage(executor: Executor, userId: string, request: PageRequest<ImportCursor>): Promise<ImportRow[]> {
    const conditions = [eq(imports.userId, userId)];
    if (request.cursor) {
      const [time, id] = request.cursor;
      conditions.push(sql`(${imports.createdAt}, ${imports.id}) < (${new Date(time).toISOString()}::timestamptz, ${id}::uuid)`);
    }
    return executor
      .select()
      .from(imports)
      .where(and(...conditions))
      .orderBy(desc(imports.createdAt), desc(imports.id))
      .limit(request.limit + 1);
  },

  async count(executor: Executor, userId: string): Promise<number> {
    const [row] = await executor.select({ count: sql<number>`count(*)::int` }).from(imports).where(eq(imports.userId, userId));
    return Number(row?.count ?? 0);
  },

  /**
   * Asks an import of `userId` to stop: a QUEUED one is CANCELLED at once, a RUNNING one is
   * flagged for its runner. Null when the user has no such import.
   */
  async requestCancel(executor: Executor, userId: string, id: string): Promise<ImportRow | null> {
    const [row] = await executor
      .update(imports)
      .set({
        cancelRequested: sql`${imports.cancelRequested} or ${imports.status} in ('QUEUED', 'RUNNING')`,
        status: sql`case when ${imports.status} = 'QUEUED' then 'CANCELLED'::import_status else ${imports.status} end`,
        finishedAt: sql`case when ${imports.status} = 'QUEUED' then now() else ${imports.finishedAt} end`,
      })
      .where(and(eq(imports.id, id), eq(imports.userId, userId)))
      .returning();
    return row ?? null;
  },

  /**
   * Moves the oldest QUEUED import whose owner has nothing RUNNING to RUNNING and returns it;
   * null when there is none. The partial unique index (one RUNNING per user) settles races
   * between runners: the loser gets a unique violation and simply tries again later.
   */
  async claimNext(executor: Executor): Promise<ImportRow | null> {
    const rows = await selectRows<{ id: string }>(
      executor,
      sql`update ${imports} set status = 'RUNNING', started_at = coalesce(started_at, now())
          where id = (
            select q.id from ${imports} q
            where q.status = 'QUEUED'
              and not exists (select 1 from ${imports} r where r.user_id = q.user_id and r.status = 'RUNNING')
            order by q.created_at, q.id
            limit 1
            for update skip locked
          )
          returning id`,
    );
    const id = rows[0]?.id;
    return id ? importRepository.findById(executor, id) : null;
  },

  /** Starts one import directly, bypassing the queue (runImportToCompletion). */
  async markRunning(executor: Executor, id: string): Promise<ImportRow> {
    const [row] = await executor
      .update(imports)
      .set({ status: "RUNNING", startedAt: sql`now()` })
      .where(eq(imports.id, id))
      .returning();
    return row!;
  },

  /** RUNNING imports (at start: left by a process that died, to resume). */
  async findRunning(executor: Executor): Promise<ImportRow[]> {
    return executor.select().from(imports).where(eq(imports.status, "RUNNING")).orderBy(imports.createdAt);
  },

  /** Adds one batch's counts and moves the checkpoint; returns whether the owner asked to cancel. */
  async commitBatch(executor: Executor, id: string, progress: BatchProgress): Promise<{ cancelRequested: boolean }> {
    const processed = progress.inserted + progress.duplicates + progress.skipped + progress.failed;
    const [row] = await executor
      .update(imports)
      .set({
        processedRows: sql`${imports.processedRows} + ${processed}`,
        inserted: sql`${imports.inserted} + ${progress.inserted}`,
        duplicates: sql`${imports.duplicates} + ${progress.duplicates}`,
        skipped: sql`${imports.skipped} + ${progress.skipped}`,
        failed: sql`${imports.failed} + ${progress.failed}`,
        ...(progress.errors.length > 0 ? { errors: sql`${imports.errors} || ${errorsJson(progress.errors)}::jsonb` } : {}),
        checkpoint: { position: progress.position },
      })
      .where(eq(imports.id, id))
      .returning({ cancelRequested: imports.cancelRequested });
    return { cancelRequested: row?.cancelRequested ?? false };
  },

  /** Ends an import; the upload is forgotten (the caller deletes the file). */
  async finish(
    executor: Executor,
    id: string,
    end: { status: Extract<ImportStatus, "SUCCEEDED" | "FAILED" | "CANCELLED">; failureMessage?: string; error?: RowError },
  ): Promise<ImportRow | null> {
    const [row] = await executor
      .update(imports)
      .set({
        status: end.status,
        finishedAt: sql`now()`,
        filePath: null,
        failureMessage: end.failureMessage ?? null,
        totalRows: end.status === "SUCCEEDED" ? sql`${imports.processedRows}` : sql`${imports.totalRows}`,
        ...(end.error
          ? {
              errors: sql`case when jsonb_array_length(${imports.errors}) < ${MAX_STORED_ERRORS}
                          then ${imports.errors} || ${errorsJson([end.error])}::jsonb else ${imports.errors} end`,
            }
          : {}),
      })
      .where(eq(imports.id, id))
      .returning();
    return row ?? null;
  },
};

/**
 * Row errors as a JSON array for the jsonb column. Messages may quote the file's text: a lone
 * surrogate in it (half an emoji) would be escaped as \ud83d, which PostgreSQL's JSON refuses.
 */
function errorsJson(errors: RowError[]): string {
  return JSON.stringify(errors.map((error) => ({ ...error, message: error.message.toWellFormed() })));
}
