import DataLoader from "dataloader";
import type { Database } from "../../db/client.js";
import type { UserRow } from "../../db/schema.js";
import { findUsersByIds } from "./user.repository.js";

/** Per-operation user loaders: one query per tick for all the users a response mentions. */
export function createUserLoaders(db: Database) {
  return {
    userById: new DataLoader<string, UserRow | null>((ids) => findUsersByIds(db, ids)),
  };
}

export type UserLoaders = ReturnType<typeof createUserLoaders>;
