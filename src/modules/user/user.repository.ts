import { eq, inArray, or, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { preparedPerDatabase } from "../../db/preparedQuery.js";
import { type UserRow, users, type Visibility } from "../../db/schema.js";

/** SQL for users, and nothing else: callers own the rules. */

/** Rows for `ids` in the same order; null where no user has that id (DataLoader's contract). */
export async function findUsersByIds(db: Executor, ids: readonly string[]): Promise<(UserRow | null)[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(users).where(inArray(users.id, [...ids]));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

const userByUsernameQuery = preparedPerDatabase((db) =>
  db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${sql.placeholder("username")})`)
    .limit(1)
    .prepare("find_user_by_username"),
);

/** Usernames are unique case-insensitively (users_username_lower_key): the match uses lower(). Every `user(username:)` runs it. */
export async function findUserByUsername(db: Database, username: string): Promise<UserRow | null> {
  const [row] = await userByUsernameQuery(db).execute({ username });
  return row ?? null;
}

/** Sign-in: the login is a username or an email (a username cannot contain '@', so at most one user matches). */
export async function findUserByLogin(db: Executor, login: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(or(sql`lower(${users.username}) = lower(${login})`, sql`lower(${users.email}) = lower(${login})`))
    .limit(1);
  return row ?? null;
}

export type NewUser = { username: string; email: string; passwordHash: string; timezone: string };

export type InsertUserResult = { ok: true; user: UserRow } | { ok: false; taken: "username" | "email" };

/**
 * Inserts a user. A clash on the case-insensitive unique indexes comes back as `taken` instead
 * of an exception, so two sign-ups racing for one name get the same answer as a sequential one.
 */
export async function insertUser(db: Executor, user: NewUser): Promise<InsertUserResult> {
  try {
    const [row] = await db.insert(users).values(user).returning();
    return { ok: true, user: row! };
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === "users_username_lower_key") return { ok: false, taken: "username" };
    if (constraint === "users_email_lower_key") return { ok: false, taken: "email" };
    throw error;
  }
}

export type ProfilePatch = Partial<{ displayName: string | null; timezone: string; visibility: Visibility }>;

export async function updateUserProfile(db: Executor, id: string, patch: ProfilePatch): Promise<UserRow | null> {
  if (Object.keys(patch).length === 0) {
    const [row] = await findUsersByIds(db, [id]);
    return row ?? null;
  }
  const [row] = await db.update(users).set(patch).where(eq(users.id, id)).returning();
  return row ?? null;
}

/**
 * The constraint named by a unique violation (SQLSTATE 23505), or null. Drizzle wraps driver
 * errors in `cause`; postgres.js calls the field `constraint_name`, PGlite `constraint`.
 */
function uniqueViolation(error: unknown): string | null {
  for (let current = error; current instanceof Error; current = (current as { cause?: unknown }).cause) {
    const fields = current as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (fields.code === "23505") return String(fields.constraint_name ?? fields.constraint ?? "");
  }
  return null;
}
