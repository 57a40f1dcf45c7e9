import { RateLimiterMemory } from "rate-limiter-flexible";

/**
 * Counts attempts per key inside a fixed window. Callers ask before doing expensive or
 * sensitive work (`retryAfter`), then record what happened (`hit` / `reset`). Kept this small
 * so a Redis-backed implementation (rate-limiter-flexible's RateLimiterRedis) can replace the
 * in-memory one without touching callers.
 */
export type AttemptLimiter = {
  /** Seconds until `key` may try again; 0 while it is under the limit. */
  retryAfter(key: string): Promise<number>;
  /** Records one attempt (e.g. a failed sign-in) against `key`. */
  hit(key: string): Promise<void>;
  /** Forgets `key`'s attempts (e.g. after a successful sign-in). */
  reset(key: string): Promise<void>;
};

export type AttemptLimiterOptions = {
  /** attempts allowed inside one window */
  attempts: number;
  windowSeconds: number;
};

/** Process-local limiter: fine for one instance; counts are lost on restart. */
export function createMemoryAttemptLimiter(options: AttemptLimiterOptions): AttemptLimiter {
  const limiter = new RateLimiterMemory({ points: options.attempts, duration: options.windowSeconds });
  return {
    async retryAfter(key) {
      const state = await limiter.get(key);
      if (!state || state.consumedPoints < options.attempts) return 0;
      return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    },
    async hit(key) {
      // penalty() never rejects, unlike consume(), so recording past the limit is not an error.
      await limiter.penalty(key, 1);
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}
