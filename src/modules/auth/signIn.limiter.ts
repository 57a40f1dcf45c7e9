import { type AttemptLimiter, createMemoryAttemptLimiter } from "../../platform/rateLimit.js";

/** Failed sign-ins allowed per account (or unknown login) inside one window before RATE_LIMITED. */
export const SIGN_IN_ATTEMPTS = 10;
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;

let limiter: AttemptLimiter | null = null;

/**
 * The one long-lived piece of auth state: failed sign-ins per account (keys chosen in
 * auth.service.ts), shared by all requests of this process and created on first use. A success
 * resets the account's count; the window expiring does too. In-memory for now, so several
 * instances each count on their own;
 * back it with Redis (RateLimiterRedis) when running more than one.
 */
export function signInLimiter(): AttemptLimiter {
  limiter ??= createMemoryAttemptLimiter({ attempts: SIGN_IN_ATTEMPTS, windowSeconds: SIGN_IN_WINDOW_SECONDS });
  return limiter;
}
