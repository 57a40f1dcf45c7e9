import type { Database } from "../../db/client.js";
import { forbidden, notFound } from "../../platform/errors.js";
import type { PubSub } from "../../platform/pubsub.js";
import { requireViewer } from "../auth/auth.guard.js";
import type { Viewer } from "../auth/viewer.js";
import { canViewHistory } from "../user/user.policy.js";
import { findUserByUsername, findUsersByIds } from "../user/user.repository.js";
import { liveStream } from "./live.stream.js";
import { liveListensTopic, type LiveListensEvent, type LivePlay } from "./live.topics.js";

export type LiveServiceDeps = { db: Database; pubsub: PubSub };

/**
 * livePlays: a user's new listens as they are stored. Visibility is checked when subscribing
 * (errors: UNAUTHENTICATED without a viewer or username, NOT_FOUND for an unknown username,
 * FORBIDDEN for a hidden history) and again, from a fresh read of the owner, on every event: when
 * the owner hides their history the stream completes.
 */
export async function openLivePlays(
  viewer: Viewer | null,
  deps: LiveServiceDeps,
  username: string | null | undefined,
): Promise<AsyncIterableIterator<LivePlay>> {
  const ownerId = await liveOwnerId(viewer, deps.db, username);
  const events = deps.pubsub.subscribe<LiveListensEvent>(liveListensTopic(ownerId));
  return liveStream(events, async () => {
    const [owner] = await findUsersByIds(deps.db, [ownerId]);
    return owner != null && canViewHistory(viewer, owner);
  });
}

async function liveOwnerId(viewer: Viewer | null, db: Database, username: string | null | undefined): Promise<string> {
  if (username == null) return requireViewer(viewer).userId;
  const owner = await findUserByUsername(db, username.trim());
  if (!owner) throw notFound("User");
  if (!canViewHistory(viewer, owner)) throw forbidden("This user's listening history is not visible to you");
  return owner.id;
}
