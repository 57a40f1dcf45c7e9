import type { ImportRow } from "../../db/schema.js";
import type { AppDeps } from "../../server/context.js";
import type { BackgroundService } from "../../server/module.js";
import { importRepository } from "./import.repository.js";
import { runImport, type RunOutcome } from "./import.run.js";
import { IMPORT_QUEUED_TOPIC } from "./importProgress.topic.js";

/** Imports running at once in this process (each is one user's; a user never has two). */
export const IMPORT_CONCURRENCY = 2;
/** How often the runner looks for QUEUED work besides being woken by uploads. */
const POLL_MS = 1_000;

/**
 * The import job runner. Work lives in the database, so it survives restarts: at start, imports
 * left RUNNING by a process that died are resumed from their checkpoint (assumes one runner per
 * database, see README), then QUEUED imports are claimed oldest first, at most one per user and
 * IMPORT_CONCURRENCY at a time. stop() lets each running import commit its current batch and
 * leaves it RUNNING for the next start.
 */
export async function startImportRunner(deps: AppDeps): Promise<BackgroundService> {
  const log = deps.logger.child({ component: "importRunner" });
  const running = new Map<string, Promise<void>>();
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let filling: Promise<void> | null = null;

  const launch = (row: ImportRow) => {
    const job = runImport(deps, row, () => stopping)
      .catch(async (error: unknown): Promise<RunOutcome> => {
        if (stopping) return "STOPPED";
        log.error({ err: error, importId: row.id }, "import failed unexpectedly");
        await importRepository
          .finish(deps.db, row.id, { status: "FAILED", failureMessage: "internal error while importing; see the server log" })
          .catch(() => {});
        return "FAILED";
      })
      .then(() => {
        running.delete(row.id);
        wake();
      });
    running.set(row.id, job);
  };

  const fill = async () => {
    while (!stopping && running.size < IMPORT_CONCURRENCY) {
      let row: ImportRow | null;
      try {
        row = await importRepository.claimNext(deps.db);
      } catch (error) {
        // another runner claimed this user's next import first (one RUNNING per user): later
        log.debug({ err: error }, "claim lost");
        return;
      }
      if (!row) return;
      launch(row);
    }
  };
  const wake = () => {
    if (stopping) return;
    filling ??= fill().finally(() => {
      filling = null;
    });
  };

  for (const row of await importRepository.findRunning(deps.db)) {
    log.info({ importId: row.id, checkpoint: row.checkpoint }, "resuming an import left running");
    launch(row);
  }
  const queued = deps.pubsub.subscribe(IMPORT_QUEUED_TOPIC);
  void (async () => {
    for await (const _ of queued) wake();
  })();
  const tick = () => {
    wake();
    timer = setTimeout(tick, POLL_MS);
    timer.unref();
  };
  tick();

  return {
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await queued.return?.();
      await filling;
      await Promise.allSettled(running.values());
    },
  };
}
