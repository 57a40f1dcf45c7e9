import type { Logger } from "../../platform/logger.js";
import type { PubSub } from "../../platform/pubsub.js";
import type { Viewer } from "./viewer.js";

/**
 * Credentials that stopped working (sign-out, sign-out everywhere, a revoked API token): every
 * instance closes the WebSockets opened with them (with Redis, whichever instance holds the socket).
 */
export const SESSION_ENDED_TOPIC = "session-ended";

export type SessionEndedEvent =
  /** one session (signOut) */
  | { sessionId: string }
  /** every session of a user (signOutEverywhere); the user's API tokens stay valid */
  | { userId: string }
  /** one API token (revokeApiToken) */
  | { apiTokenId: string };

export async function publishSessionEnded(pubsub: PubSub, event: SessionEndedEvent, logger: Logger): Promise<void> {
  try {
    await pubsub.publish(SESSION_ENDED_TOPIC, event);
  } catch (error) {
    // The session is gone from the database already; sockets still close at their next expiry check.
    logger.warn({ err: error }, "could not announce an ended session to open WebSockets");
  }
}

/** Does `event` end the credentials `viewer` connected with? */
export function endsSessionOf(event: SessionEndedEvent, viewer: Viewer): boolean {
  if ("apiTokenId" in event) return viewer.via === "apiToken" && viewer.apiTokenId === event.apiTokenId;
  if (viewer.via !== "session" || !viewer.sessionId) return false;
  if ("sessionId" in event) return event.sessionId === viewer.sessionId;
  return event.userId === viewer.userId;
}
