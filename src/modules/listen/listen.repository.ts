import { and, asc, desc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { type ListenRow, listens, type TrackRow, trackArtists, tracks, users, type Visibility } from "../../db/schema.js";
import type { PageRequest } from "../../platform/pagination.js";
import type { ListenFilter } from "./listenFilter.js";

export type NewListenRow = typeof listens.$inferInsert;
/** Keyset position in (played_at desc, id desc) order: [playedAt epoch ms, listens.id]. */
export type ListenCursor = [number, number];
export type ListenWithTrack = { listen: ListenRow; track: TrackRow };
export type ListenWithOwner = { listen: ListenRow; ownerVisibility: Visibility };

/** What a delete returns: enough for the stats rollups to subtract the listen. */
export type DeletedListen = Pick<ListenRow, "userId" | "trackId" | "playedAt" | "msPlayed" | "counted">;
const DELETED_FIELDS = {
  userId: listens.userId,
  trackId: listens.trackId,
  playedAt: listens.playedAt,
  msPlayed: listens.msPlayed,
  counted: listens.counted,
};

/** Listens' SQL, and nothing else: every method is batch-shaped or one statement. */
export const listenRepository = {
  /** One multi-row INSERT; rows whose (user, track, playedAt) already exists are skipped. */
  async insertMany(executor: Executor, rows: NewListenRow[]): Promise<ListenRow[]> {
    if (rows.length === 0) return [];
    return executor
      .insert(listens)
      .values(rows)
      .onConflictDoNothing({ target: [listens.userId, listens.trackId, listens.playedAt] })
      .returning();
  },

  /** The user's listens with any of these (track, playedAt) keys (a superset; callers match exactly). */
  async findByTrackAndTime(
    executor: Executor,
    userId: string,
    keys: { trackId: string; playedAt: Date }[],
  ): Promise<ListenRow[]> {
    if (keys.length === 0) return [];
    const trackIds = [...new Set(keys.map((key) => key.trackId))];
    const times = [...new Map(keys.map((key) => [key.playedAt.getTime(), key.playedAt])).values()];
    return executor
      .select()
      .from(listens)
      .where(and(eq(listens.userId, userId), inArray(listens.trackId, trackIds), inArray(listens.playedAt, times)));
  },

  /** Listens by id with their owner's visibility (for access checks), in no particular order. */
  async findByIds(executor: Executor, ids: readonly number[]): Promise<ListenWithOwner[]> {
    if (ids.length === 0) return [];
    return executor
      .select({ listen: listens, ownerVisibility: users.visibility })
      .from(listens)
      .innerJoin(users, eq(users.id, listens.userId))
      .where(inArray(listens.id, [...ids]));
  },

  /**
   * One page of a user's history with each listen's track, in walk order: newest first going
   * forward, oldest first going backward; `limit + 1` rows so the caller learns if more exist.
   */
  async findPage(
    executor: Executor,
    userId: string,
    filter: ListenFilter,
    request: PageRequest<ListenCursor>,
  ): Promise<ListenWithTrack[]> {
    const forward = request.direction === "forward";
    const conditions = filterConditions(userId, filter);
    if (request.cursor) {
      const [time, id] = request.cursor;
      const position = sql`(${new Date(time).toISOString()}::timestamptz, ${id}::bigint)`;
      conditions.push(
        forward
          ? sql`(${listens.playedAt}, ${listens.id}) < ${position}`
          : sql`(${listens.playedAt}, ${listens.id}) > ${position}`,
      );
    }
    const order = forward ? desc : asc;
    return executor
      .select({ listen: listens, track: tracks })
      .from(listens)
      .innerJoin(tracks, eq(tracks.id, listens.trackId))
      .where(and(...conditions))
      .orderBy(order(listens.playedAt), order(listens.id))
      .limit(request.limit + 1);
  },

  async count(executor: Executor, userId: string, filter: ListenFilter): Promise<number> {
    const [row] = await executor
      .select({ count: sql<number>`count(*)::int` })
      .from(listens)
      .where(and(...filterConditions(userId, filter)));
    return Number(row?.count ?? 0);
  },

  /** Deletes one listen if `userId` owns it; null when it is unknown or someone else's. */
  async deleteOwned(executor: Executor, userId: string, id: number): Promise<DeletedListen | null> {
    const [deleted] = await executor
      .delete(listens)
      .where(and(eq(listens.id, id), eq(listens.userId, userId)))
      .returning(DELETED_FIELDS);
    return deleted ?? null;
  },

  /** Deletes the user's listens matching the filter; returns what the stats rollups need of them. */
  async deleteMatching(executor: Executor, userId: string, filter: ListenFilter): Promise<DeletedListen[]> {
    return executor
      .delete(listens)
      .where(and(...filterConditions(userId, filter)))
      .returning(DELETED_FIELDS);
  },
};

function filterConditions(userId: string, filter: ListenFilter): SQL[] {
  const conditions: SQL[] = [eq(listens.userId, userId)];
  if (!filter.includeUncounted) conditions.push(eq(listens.counted, true));
  if (filter.from) conditions.push(gte(listens.playedAt, filter.from));
  if (filter.to) conditions.push(lt(listens.playedAt, filter.to));
  if (filter.trackId) conditions.push(eq(listens.trackId, filter.trackId));
  if (filter.source) conditions.push(eq(listens.source, filter.source));
  if (filter.artistId) {
    conditions.push(
      sql`${listens.trackId} in (select ${trackArtists.trackId} from ${trackArtists} where ${trackArtists.artistId} = ${filter.artistId})`,
    );
  }
  if (filter.albumId) {
    conditions.push(sql`${listens.trackId} in (select ${tracks.id} from ${tracks} where ${tracks.albumId} = ${filter.albumId})`);
  }
  return conditions;
}
