import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Redis } from "./redis.js";

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
  return wrapLimiter(new RateLimiterMemory({ points: options.attempts, duration: options.windowSeconds }), options);
}

/**
 * Shared by every instance using the same Redis. When Redis is unreachable it falls back to an
 * in-memory limiter (fail-open on sharing, never on limiting) instead of failing the request.
 */
export function createRedisAttemptLimiter(redis: Redis, name: string, options: AttemptLimiterOptions): AttemptLimiter {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `limit:${name}`,
    points: options.attempts,
    duration: options.windowSeconds,
    insuranceLimiter: new RateLimiterMemory({ points: options.attempts, duration: options.windowSeconds }),
  });
  return wrapLimiter(limiter, options);
}

/** Redis-backed when a Redis connection is configured, otherwise in-process. */
export function createAttemptLimiter(redis: Redis | null, name: string, options: AttemptLimiterOptions): AttemptLimiter {
  return redis ? createRedisAttemptLimiter(redis, name, options) : createMemoryAttemptLimiter(options);
}

function wrapLimiter(limiter: RateLimiterAbstract, options: AttemptLimiterOptions): AttemptLimiter {
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

/** What a request-rate limiter decided for one request; enough to fill X-RateLimit-* headers. */
export type RateDecision = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** seconds until the current window resets */
  resetInSeconds: number;
};

/** Counts every request per key in a fixed window (unlike AttemptLimiter, which counts failures). */
export type RequestLimiter = {
  consume(key: string): Promise<RateDecision>;
};

export type RequestLimiterOptions = { requests: number; windowSeconds: number };

/** Redis-backed (shared by every instance, in-process insurance on outages) when `redis` is set. */
export function createRequestLimiter(redis: Redis | null, name: string, options: RequestLimiterOptions): RequestLimiter {
  const memory = new RateLimiterMemory({ points: options.requests, duration: options.windowSeconds });
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `limit:${name}`,
        points: options.requests,
        duration: options.windowSeconds,
        insuranceLimiter: memory,
      })
    : memory;
  const decision = (state: { remainingPoints: number; msBeforeNext: number }, allowed: boolean): RateDecision => ({
    allowed,
    limit: options.requests,
    remaining: Math.max(0, state.remainingPoints),
    resetInSeconds: Math.max(0, Math.ceil(state.msBeforeNext / 1000)),
  });
  return {
    async consume(key) {
      try {
        return decision(await limiter.consume(key), true);
      } catch (rejection) {
        // rate-limiter-flexible rejects with the limiter's state when the key is over its limit.
        if (rejection instanceof Error) throw rejection;
        return decision(rejection as { remainingPoints: number; msBeforeNext: number }, false);
      }
    },
  };
}
