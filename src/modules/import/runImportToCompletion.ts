import { randomUUID } from "node:crypto";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { ImportFormat, ImportRow } from "../../db/schema.js";
import { importRepository } from "./import.repository.js";
import { type ImportRunDeps, runImport } from "./import.run.js";
import { uploadPath } from "./upload.store.js";

/**
 * Runs one import of `filePath` for `userId` to its end, in-process, through exactly the pipeline
 * the job runner uses (parse → per-run track cache → batched writes with counters). For
 * benchmarks and scripts: the file is copied to `<dataDir>/uploads/<id>` first (the original is
 * kept) and the import row is created RUNNING directly, so no runner needs to be started.
 */
export async function runImportToCompletion(
  deps: ImportRunDeps & { dataDir: string },
  userId: string,
  filePath: string,
  format: ImportFormat,
): Promise<ImportRow> {
  const id = randomUUID();
  const path = uploadPath(deps.dataDir, id);
  await mkdir(dirname(path), { recursive: true });
  await copyFile(filePath, path);
  const created = await importRepository.create(deps.db, { id, userId, format, fileName: filePath.split("/").pop() ?? null, filePath: path, fileBytes: 0 });
  const running = await importRepository.markRunning(deps.db, created.id);
  await runImport(deps, running);
  return (await importRepository.findById(deps.db, id))!;
}
