import DataLoader from "dataloader";
import type { Database } from "../../db/client.js";
import type { Viewer } from "../auth/viewer.js";
import { listenRepository, type ListenWithOwner } from "./listen.repository.js";

/** Per-operation listen loaders (raw rows; access is checked by the listen service). */
export function createListenLoaders(db: Database, viewer: Viewer | null) {
  void viewer;
  return {
    listenById: new DataLoader<number, ListenWithOwner | null>(async (ids) => {
      const rows = await listenRepository.findByIds(db, ids);
      const byId = new Map(rows.map((row) => [row.listen.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type ListenLoaders = ReturnType<typeof createListenLoaders>;
