import type { Logger } from "../../platform/logger.js";
import type { PubSub } from "../../platform/pubsub.js";
import type { Viewer } from "./viewer.js";

/**
 * Sessions ended by sign-out: every instance closes the WebSockets opened with them (with
 * Redis, whichever instance holds the socket). API-token sockets are not sessions and stay open.
 */
export const SESSION_ENDED_TOPIC = "session-ended";

export type SessionEndedEvent =
  /** one session (signOut) */
  | { sessionId: string }
  /** every session of a user (signOutEverywhere) */
  | { userId: string };

export async function publishSessionEnded(pubsub: PubSub, event: SessionEndedEvent, logger: Logger): Promise<void> {
  try {
    await pubsub.publish(SESSION_ENDED_TOPIC, event);
  } catch (error) {
    // The session is gone from the database already; sockets still close at their next expiry check.
    logger.warn({ err: error }, "could not announce an ended session to open WebSockets");
  }
}

/** Does `event` end the session `viewer` connected with? */
export function endsSessionOf(event: SessionEndedEvent, viewer: Viewer): boolean {
  if (viewer.via !== "session" || !viewer.sessionId) return false;
  if ("sessionId" in event) return event.sessionId === viewer.sessionId;
  return event.userId === viewer.userId;
}
