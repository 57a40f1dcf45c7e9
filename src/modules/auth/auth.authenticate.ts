import type { Database } from "../../db/client.js";
import type { UserRow } from "../../db/schema.js";
import { unauthenticated } from "../../platform/errors.js";
import { validateApiToken } from "./apiToken.service.js";
import { validateSessionToken } from "./session.service.js";
import type { Viewer } from "./viewer.js";

export type Credentials = {
  /** the raw Authorization header: "Bearer <session token>" or "Token <api token>" */
  authorization?: string | undefined;
  /** the session cookie's value, from browsers */
  cookieToken?: string | undefined;
};

export type AuthenticationResult = {
  viewer: Viewer | null;
  /** the viewer's user row when it was read with the credentials (sessions): good for this request only */
  viewerUser?: UserRow | undefined;
  /** a cookie was sent but names no live session: the server should clear it */
  clearCookie: boolean;
  /** the cookie's session was extended (sliding expiry): the server should set the cookie again */
  refreshCookie?: { token: string; expiresAt: Date } | undefined;
};

const AUTHORIZATION = /^(Bearer|Token) +(\S+)$/i;

/**
 * Who is calling. An Authorization header is explicit, so a bad one is an error (the app answers
 * 401, or closes a WebSocket with 4403). A bad cookie is not: browsers keep stale cookies, and
 * failing would lock the user out of even signing in again, so it counts as signed out and is cleared.
 * The header wins when both are sent.
 */
export async function authenticate(db: Database, credentials: Credentials): Promise<AuthenticationResult> {
  const authorization = credentials.authorization?.trim();
  if (authorization) return { ...(await fromAuthorizationHeader(db, authorization)), clearCookie: false };

  if (!credentials.cookieToken) return { viewer: null, clearCookie: false };
  const valid = await validateSessionToken(db, credentials.cookieToken);
  if (!valid) return { viewer: null, clearCookie: true };
  return {
    viewer: sessionViewer(valid.session.userId, valid.session.id),
    viewerUser: valid.user,
    clearCookie: false,
    refreshCookie: valid.renewed ? { token: credentials.cookieToken, expiresAt: valid.session.expiresAt } : undefined,
  };
}

async function fromAuthorizationHeader(db: Database, authorization: string): Promise<{ viewer: Viewer; viewerUser?: UserRow }> {
  const match = AUTHORIZATION.exec(authorization);
  if (!match) throw unauthenticated("Authorization header must be 'Bearer <session token>' or 'Token <api token>'");
  const [, scheme, token] = match as unknown as [string, string, string];

  if (scheme.toLowerCase() === "bearer") {
    const valid = await validateSessionToken(db, token);
    if (!valid) throw unauthenticated("Session token is invalid, expired or revoked: sign in again");
    return { viewer: sessionViewer(valid.session.userId, valid.session.id), viewerUser: valid.user };
  }
  const apiToken = await validateApiToken(db, token);
  if (!apiToken) throw unauthenticated("API token is invalid or revoked: create a new one");
  return { viewer: { userId: apiToken.userId, via: "apiToken", sessionId: null, apiTokenId: apiToken.id } };
}

function sessionViewer(userId: string, sessionId: string): Viewer {
  return { userId, via: "session", sessionId, apiTokenId: null };
}
