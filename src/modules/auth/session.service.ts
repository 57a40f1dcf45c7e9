import type { Database } from "../../db/client.js";
import type { SessionRow, UserRow } from "../../db/schema.js";
import { deleteSession, deleteSessionsOfUser, findSessionWithUser, insertSession, updateSessionExpiry } from "./session.repository.js";
import { generateSessionToken, hashToken, isSessionTokenShape } from "./token.generator.js";

/**
 * Sessions as in the Lucia guide (lucia-auth.com/sessions/basic): a random token goes to the
 * client, its SHA-256 is the row id. Looking a session up by hash needs no secret comparison in
 * application code, so there is nothing to compare in constant time; the lookup reveals nothing
 * useful about the token because the attacker cannot choose hash prefixes.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** Sliding expiry: a session used when less than this remains is extended to the full lifetime. */
export const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS;

export type NewSession = { token: string; expiresAt: Date };

export async function createSession(db: Database, userId: string, now = new Date()): Promise<NewSession> {
  const token = generateSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await insertSession(db, { id: hashToken(token), userId, expiresAt });
  return { token, expiresAt };
}

/** `user` is the session's user as read with it (the request's user loader is primed with it). */
export type ValidSession = { session: SessionRow; user: UserRow; renewed: boolean };

/** The live session for `token`, extended when due; null when unknown, expired or revoked. */
export async function validateSessionToken(db: Database, token: string, now = new Date()): Promise<ValidSession | null> {
  if (!isSessionTokenShape(token)) return null;
  const found = await findSessionWithUser(db, hashToken(token));
  if (!found) return null;
  const { session, user } = found;
  if (now.getTime() >= session.expiresAt.getTime()) {
    await deleteSession(db, session.id);
    return null;
  }
  if (now.getTime() >= session.expiresAt.getTime() - SESSION_RENEW_WITHIN_MS) {
    const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    await updateSessionExpiry(db, session.id, expiresAt);
    return { session: { ...session, expiresAt }, user, renewed: true };
  }
  return { session, user, renewed: false };
}

export function invalidateSession(db: Database, sessionId: string): Promise<void> {
  return deleteSession(db, sessionId);
}

export function invalidateUserSessions(db: Database, userId: string): Promise<number> {
  return deleteSessionsOfUser(db, userId);
}
