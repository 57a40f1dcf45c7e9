import { and, asc, eq, isNull, lt, or } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { type ApiTokenRow, apiTokens } from "../../db/schema.js";

/** SQL for API tokens. `token_hash` is the SHA-256 of the token; the token itself is never stored. */

export async function insertApiToken(db: Executor, token: Pick<ApiTokenRow, "userId" | "name" | "tokenHash">): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(token).returning();
  return row!;
}

/** The token with this hash unless it was revoked. */
export async function findLiveApiTokenByHash(db: Executor, tokenHash: string): Promise<ApiTokenRow | null> {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  return row ?? null;
}

export function findLiveApiTokensOfUser(db: Executor, userId: string): Promise<ApiTokenRow[]> {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
}

/** Revokes a live token of `userId`; false when there is none with that id (or it is someone else's). */
export async function revokeApiTokenOfUser(db: Executor, userId: string, id: string, now: Date): Promise<boolean> {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length > 0;
}

/**
 * Records a use unless one was recorded after `unlessSince`: the condition keeps concurrent
 * requests with one token from all writing.
 */
export async function touchApiToken(db: Executor, id: string, now: Date, unlessSince: Date): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, unlessSince))));
}
