import type { Database } from "../../db/client.js";
import type { UserRow } from "../../db/schema.js";
import { badUserInput, rateLimited, unauthenticated } from "../../platform/errors.js";
import { findUserByLogin, insertUser } from "../user/user.repository.js";
import { validateEmail, validateTimezone, validateUsername } from "../user/user.rules.js";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.hasher.js";
import { validateNewPassword } from "./password.rules.js";
import { createSession, invalidateSession, invalidateUserSessions } from "./session.service.js";
import type { AttemptLimiter } from "../../platform/rateLimit.js";
import type { SignInInput } from "./signIn.input.js";
import type { SignUpInput } from "./signUp.input.js";
import type { Viewer } from "./viewer.js";

export type SignedIn = { user: UserRow; token: string; expiresAt: Date };

/** One message for unknown login and wrong password, so sign-in does not reveal who has an account. */
const WRONG_CREDENTIALS = "Wrong username/email or password";

export async function signUp(db: Database, input: SignUpInput): Promise<SignedIn> {
  const username = validateUsername(input.username, "input.username");
  const email = validateEmail(input.email, "input.email");
  const password = validateNewPassword(input.password, "input.password");
  const timezone = input.timezone == null ? "UTC" : validateTimezone(input.timezone, "input.timezone");

  const inserted = await insertUser(db, { username, email, passwordHash: await hashPassword(password), timezone });
  if (!inserted.ok) {
    // Usernames are public, so saying it is taken reveals nothing; for emails, say no more than needed.
    if (inserted.taken === "username") throw badUserInput("input.username", "is already taken");
    throw badUserInput("input.email", "cannot be used for a new account");
  }
  return { user: inserted.user, ...(await createSession(db, inserted.user.id)) };
}

export async function signIn(db: Database, limiter: AttemptLimiter, input: SignInInput): Promise<SignedIn> {
  const login = input.login.trim();
  const user = login.length <= 320 ? await findUserByLogin(db, login) : null;
  // Failures count per account, so username and email share one budget; unknown logins count
  // per login. Both answer the same way, so the limit does not reveal which accounts exist.
  const limitKey = user ? `user:${user.id}` : `login:${login.toLowerCase().slice(0, 320)}`;
  const retryAfter = await limiter.retryAfter(limitKey);
  if (retryAfter > 0) throw rateLimited(retryAfter);

  // Unknown logins (and accounts without a password) still pay for one verification: equal timing.
  const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
  if (!user || !ok) {
    await limiter.hit(limitKey);
    throw unauthenticated(WRONG_CREDENTIALS);
  }
  await limiter.reset(limitKey);
  return { user, ...(await createSession(db, user.id)) };
}

/** Ends the viewer's current session; false when there was none (signed out already). */
export async function signOut(viewer: Viewer | null, db: Database): Promise<boolean> {
  if (!viewer?.sessionId) return false;
  await invalidateSession(db, viewer.sessionId);
  return true;
}

/** The caller must have checked `requireSessionViewer`. Returns how many sessions ended. */
export function signOutEverywhere(viewer: Viewer, db: Database): Promise<number> {
  return invalidateUserSessions(db, viewer.userId);
}
