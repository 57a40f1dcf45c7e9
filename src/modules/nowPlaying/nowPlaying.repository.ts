import { and, gt, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { nowPlaying, type NowPlayingRow } from "../../db/schema.js";

/** now_playing's SQL, and nothing else: one row per user, replaced by each new track. */
export const nowPlayingRepository = {
  async upsert(executor: Executor, row: NowPlayingRow): Promise<NowPlayingRow> {
    const [stored] = await executor
      .insert(nowPlaying)
      .values(row)
      .onConflictDoUpdate({
        target: nowPlaying.userId,
        set: { trackId: row.trackId, startedAt: row.startedAt, expiresAt: row.expiresAt },
      })
      .returning();
    return stored!;
  },

  /** The unexpired rows of these users (expired rows are ignored, and overwritten by the next track). */
  async findCurrent(executor: Executor, userIds: readonly string[], now: Date): Promise<NowPlayingRow[]> {
    if (userIds.length === 0) return [];
    return executor
      .select()
      .from(nowPlaying)
      .where(and(inArray(nowPlaying.userId, [...userIds]), gt(nowPlaying.expiresAt, now)));
  },
};
