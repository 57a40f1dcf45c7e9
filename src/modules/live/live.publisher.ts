import type { ListenRow } from "../../db/schema.js";
import type { Logger } from "../../platform/logger.js";
import type { PubSub } from "../../platform/pubsub.js";
import { liveListensTopic, type LiveListensEvent } from "./live.topics.js";

/**
 * Announces listens stored by a live path (GraphQL, the ListenBrainz API; never imports) to
 * livePlays subscribers, on this instance or, with Redis, any. Call it after the transaction
 * committed. A lost event must not fail a stored listen, so publishing errors are only logged.
 */
export async function publishNewListens(pubsub: PubSub, userId: string, listenIds: number[], logger?: Logger): Promise<void> {
  if (listenIds.length === 0) return;
  const event: LiveListensEvent = { listenIds };
  try {
    await pubsub.publish(liveListensTopic(userId), event);
  } catch (error) {
    logger?.warn({ err: error, userId }, "could not publish new listens to live subscribers");
  }
}

/**
 * The listens a record call stored for the first time, given its rows (one per play, the
 * existing row for a duplicate) and how many were inserted. Rows inserted by one call share
 * their transaction's created_at, later than any row that already existed, so in a mixed call
 * the newest created_at marks the new ones.
 */
export function newListenIds(result: { inserted: number; listens: ListenRow[] }): number[] {
  if (result.inserted === 0) return [];
  const distinct = [...new Map(result.listens.map((row) => [row.id, row])).values()];
  if (result.inserted >= distinct.length) return distinct.map((row) => row.id);
  const newest = Math.max(...distinct.map((row) => row.createdAt.getTime()));
  return distinct.filter((row) => row.createdAt.getTime() === newest).map((row) => row.id);
}
