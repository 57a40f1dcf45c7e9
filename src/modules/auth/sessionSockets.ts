import type { Database } from "../../db/client.js";
import type { Logger } from "../../platform/logger.js";
import type { PubSub } from "../../platform/pubsub.js";
import { findSessionById } from "./session.repository.js";
import { endsSessionOf, SESSION_ENDED_TOPIC, type SessionEndedEvent } from "./session.events.js";
import type { Viewer } from "./viewer.js";

/** WebSocket close code for "your session ended: sign in again" (4403 stays "bad credentials"). */
export const SESSION_ENDED_CLOSE_CODE = 4401;

/** The little of a WebSocket this needs. */
export type ClosableSocket = { close(code: number, reason: string): void };

/** Timers wake at least daily, so a session extended meanwhile is re-read rather than trusted. */
const MAX_CHECK_DELAY_MS = 24 * 60 * 60 * 1000;

/**
 * Closes the WebSockets of sessions that end while they are open: on sign-out and sign-out
 * everywhere (session-ended events, from any instance), and when the session expires (a timer per
 * socket that re-reads the session, since HTTP use may have extended it). API-token sockets close
 * when their token is revoked; signed-out sockets are not tracked.
 */
export function createSessionSockets(deps: { db: Database; pubsub: PubSub; logger: Logger }) {
  const open = new Map<ClosableSocket, { viewer: Viewer; timer: NodeJS.Timeout | null }>();
  const events = deps.pubsub.subscribe<SessionEndedEvent>(SESSION_ENDED_TOPIC);
  const listening = (async () => {
    for await (const event of events) {
      for (const [socket, entry] of open) if (endsSessionOf(event, entry.viewer)) end(socket);
    }
  })().catch((error: unknown) => deps.logger.error({ err: error }, "session-ended listener stopped"));

  function end(socket: ClosableSocket): void {
    remove(socket);
    socket.close(SESSION_ENDED_CLOSE_CODE, "Session ended: sign in again");
  }

  function remove(socket: ClosableSocket): void {
    const entry = open.get(socket);
    if (entry?.timer) clearTimeout(entry.timer);
    open.delete(socket);
  }

  async function checkExpiry(socket: ClosableSocket): Promise<void> {
    const entry = open.get(socket);
    if (!entry?.viewer.sessionId) return;
    const session = await findSessionById(deps.db, entry.viewer.sessionId);
    if (open.get(socket) !== entry) return; // closed meanwhile
    const left = session ? session.expiresAt.getTime() - Date.now() : 0;
    if (left <= 0) return end(socket);
    entry.timer = setTimeout(() => void checkExpiry(socket).catch(() => {}), Math.min(left, MAX_CHECK_DELAY_MS));
    entry.timer.unref();
  }

  return {
    add(socket: ClosableSocket, viewer: Viewer | null): void {
      if (!viewer) return;
      open.set(socket, { viewer, timer: null });
      if (viewer.via === "session") void checkExpiry(socket).catch((error: unknown) => deps.logger.warn({ err: error }, "session expiry check failed"));
    },
    remove,
    async stop(): Promise<void> {
      for (const socket of [...open.keys()]) remove(socket);
      await events.return?.();
      await listening;
    },
  };
}
