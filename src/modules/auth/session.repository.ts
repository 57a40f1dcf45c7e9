import { eq, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { preparedPerDatabase } from "../../db/preparedQuery.js";
import { type SessionRow, sessions, type UserRow, users } from "../../db/schema.js";

/** SQL for sessions. `id` is always the SHA-256 of a token, never the token. */

export async function insertSession(db: Executor, session: Pick<SessionRow, "id" | "userId" | "expiresAt">): Promise<void> {
  await db.insert(sessions).values(session);
}

export async function findSessionById(db: Executor, id: string): Promise<SessionRow | null> {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id)).limit(1);
  return row ?? null;
}

const sessionWithUserQuery = preparedPerDatabase((db) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .limit(1)
    .prepare("find_session_with_user"),
);

/** The session and its user in one round trip (every authenticated request starts with it). */
export async function findSessionWithUser(db: Database, id: string): Promise<{ session: SessionRow; user: UserRow } | null> {
  const [row] = await sessionWithUserQuery(db).execute({ id });
  return row ?? null;
}

export async function updateSessionExpiry(db: Executor, id: string, expiresAt: Date): Promise<void> {
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Deletes every session of a user; returns how many there were. */
export async function deleteSessionsOfUser(db: Executor, userId: string): Promise<number> {
  const deleted = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return deleted.length;
}
