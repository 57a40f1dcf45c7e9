import { type AttemptLimiter, createAttemptLimiter } from "../../platform/rateLimit.js";
import type { Redis } from "../../platform/redis.js";

/** Failed sign-ins allowed per account (or unknown login) inside one window before RATE_LIMITED. */
export const SIGN_IN_ATTEMPTS = 10;
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;

/**
 * Failed sign-ins per account (keys chosen in auth.service.ts). Created once per app and shared
 * by its requests; with Redis, shared by every instance. A success resets the account's count;
 * the window expiring does too.
 */
export function createSignInLimiter(redis: Redis | null): AttemptLimiter {
  return createAttemptLimiter(redis, "sign-in", { attempts: SIGN_IN_ATTEMPTS, windowSeconds: SIGN_IN_WINDOW_SECONDS });
}
