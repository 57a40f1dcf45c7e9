import type { Database } from "../../db/client.js";
import { validateApiToken } from "../auth/apiToken.service.js";
import type { Viewer } from "../auth/viewer.js";
import { lbUnauthorized } from "./listenbrainz.error.js";

/** The token of an `Authorization: Token <token>` header (ListenBrainz takes the word after the scheme). */
export function tokenOf(authorization: string | undefined): string | undefined {
  if (!authorization?.trim()) return undefined;
  return authorization.trim().split(/\s+/)[1];
}

/**
 * The API-token viewer of a ListenBrainz request. Only API tokens work here, as on ListenBrainz
 * (a session token is not a scrobbling credential). Messages are ListenBrainz's own. `optional`
 * is for reads, which ListenBrainz serves without looking at the header at all: there a missing,
 * malformed or unknown token reads anonymously instead of answering 401 (clients such as
 * multi-scrobbler send their token on every request).
 */
export async function listenBrainzViewer(db: Database, authorization: string | undefined, optional: boolean): Promise<Viewer | null> {
  if (!authorization?.trim()) {
    if (optional) return null;
    throw lbUnauthorized("You need to provide an Authorization header.");
  }
  const token = tokenOf(authorization);
  if (!token) {
    if (optional) return null;
    throw lbUnauthorized("Provided Authorization header is invalid.");
  }
  const row = await validateApiToken(db, token);
  if (!row) {
    if (optional) return null;
    throw lbUnauthorized("Invalid authorization token.");
  }
  return { userId: row.userId, via: "apiToken", sessionId: null, apiTokenId: row.id };
}

/** GET /1/validate-token: the user a token belongs to, or null. */
export async function userIdOfToken(db: Database, token: string): Promise<string | null> {
  const row = await validateApiToken(db, token);
  return row?.userId ?? null;
}
