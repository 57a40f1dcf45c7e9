import DataLoader from "dataloader";
import type { ImportRow } from "../../db/schema.js";
import type { Context } from "../../server/context.js";
import type { NodeFetcher } from "../../server/module.js";
import { importRepository } from "./import.repository.js";
import { ImportService } from "./import.service.js";
import { toImport } from "./import.type.js";

/** The import service over this operation's deps. */
export function importServiceFor(ctx: Pick<Context, "db" | "pubsub" | "config">): ImportService {
  return new ImportService({ db: ctx.db, pubsub: ctx.pubsub, dataDir: ctx.config.dataDir, maxUploadBytes: ctx.config.importMaxBytes });
}

/**
 * Imports by id for one operation (Listen.import over a page of listens is one query). Kept per
 * Context object, so it lives exactly as long as the operation; a subscription's events each get
 * a fresh Context and so a fresh loader.
 */
const loadersByContext = new WeakMap<Context, DataLoader<string, ImportRow | null>>();

export function importLoader(ctx: Context): DataLoader<string, ImportRow | null> {
  let loader = loadersByContext.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly string[]) => {
      const rows = new Map((await importRepository.findByIds(ctx.db, ids)).map((row) => [row.id, row]));
      return ids.map((id) => rows.get(id) ?? null);
    });
    loadersByContext.set(ctx, loader);
  }
  return loader;
}

/** node(id) and federation `_entities` for Import: only its owner sees it. */
export const fetchImportNode: NodeFetcher = async (ctx, key) => {
  const row = await importLoader(ctx).load(key);
  return row && ctx.viewer && row.userId === ctx.viewer.userId ? toImport(row) : null;
};
