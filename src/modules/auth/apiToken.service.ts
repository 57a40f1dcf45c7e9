import type { Database } from "../../db/client.js";
import type { ApiTokenRow } from "../../db/schema.js";
import { badUserInput, notFound } from "../../platform/errors.js";
import type { Viewer } from "./viewer.js";
import {
  findLiveApiTokenByHash,
  findLiveApiTokensOfUser,
  insertApiToken,
  revokeApiTokenOfUser,
  touchApiToken,
} from "./apiToken.repository.js";
import { generateApiToken, hashToken, isApiTokenShape } from "./token.generator.js";

export const API_TOKEN_NAME_MAX = 100;
/** lastUsedAt is informational: one write a minute per token is precise enough and spares the database. */
export const LAST_USED_PRECISION_MS = 60_000;

/** The caller must have checked `requireSessionViewer`: tokens cannot mint tokens. */
export async function createApiToken(
  viewer: Viewer,
  db: Database,
  name: string,
): Promise<{ apiToken: ApiTokenRow; token: string }> {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw badUserInput("name", "must not be empty");
  if (trimmed.length > API_TOKEN_NAME_MAX) throw badUserInput("name", `must be at most ${API_TOKEN_NAME_MAX} characters`);
  const token = generateApiToken();
  const apiToken = await insertApiToken(db, { userId: viewer.userId, name: trimmed, tokenHash: hashToken(token) });
  return { apiToken, token };
}

export function listApiTokens(viewer: Viewer, db: Database): Promise<ApiTokenRow[]> {
  return findLiveApiTokensOfUser(db, viewer.userId);
}

/** Someone else's token answers like an unknown one (NOT_FOUND), so ids cannot be probed. */
export async function revokeApiToken(viewer: Viewer, db: Database, id: string): Promise<true> {
  if (!(await revokeApiTokenOfUser(db, viewer.userId, id, new Date()))) throw notFound("API token");
  return true;
}

/** The live token for `token`, its use recorded (throttled); null when unknown or revoked. */
export async function validateApiToken(db: Database, token: string, now = new Date()): Promise<ApiTokenRow | null> {
  if (!isApiTokenShape(token)) return null;
  const row = await findLiveApiTokenByHash(db, hashToken(token));
  if (!row) return null;
  const since = new Date(now.getTime() - LAST_USED_PRECISION_MS);
  if (!row.lastUsedAt || row.lastUsedAt < since) {
    await touchApiToken(db, row.id, now, since);
    return { ...row, lastUsedAt: now };
  }
  return row;
}
