import DataLoader from "dataloader";
import type { Database } from "../../db/client.js";
import type { NowPlayingRow } from "../../db/schema.js";
import { nowPlayingRepository } from "./nowPlaying.repository.js";

/** Per-operation: what each user is playing now (raw rows; access is checked by the service). */
export function createNowPlayingLoaders(db: Database) {
  return {
    currentByUserId: new DataLoader<string, NowPlayingRow | null>(async (userIds) => {
      const rows = await nowPlayingRepository.findCurrent(db, userIds, new Date());
      const byUser = new Map(rows.map((row) => [row.userId, row]));
      return userIds.map((id) => byUser.get(id) ?? null);
    }),
  };
}

export type NowPlayingLoaders = ReturnType<typeof createNowPlayingLoaders>;
