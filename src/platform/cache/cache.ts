import type { Logger } from "../logger.js";
import type { CacheStore } from "./cacheStore.js";

/** Lookups counted since the cache was built; what a metrics endpoint publishes. */
export type CacheStats = {
  /** answered from the store */
  hits: number;
  /** computed (and stored) because the store had nothing */
  misses: number;
  /** waited for a computation another caller in this process had already started */
  coalesced: number;
  /** store operations that failed or ran out of time (the value was computed instead) */
  errors: number;
  /** share of lookups answered without computing: (hits + coalesced) / lookups; 0 before any lookup */
  hitRate: number;
};

/**
 * JSON values under string keys with a time to live. Values go through JSON on every backend
 * (Dates come back as ISO strings), so a value read from Redis and one read from memory look the same.
 * The cache never fails a caller: a store that errs or is slow is skipped and the value computed.
 */
export interface Cache {
  /** false when switched off (STATS_CACHE=off): every lookup computes */
  readonly enabled: boolean;
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  /**
   * The stored value, or compute() stored for ttlMs. Concurrent misses for one key in this
   * process run compute() once and share its result; a failed compute() is not stored.
   */
  getOrCompute<T>(key: string, ttlMs: number, compute: () => Promise<T>): Promise<T>;
  stats(): CacheStats;
}

export type CacheOptions = {
  logger: Logger;
  /** longest a store operation may add to a request before it is abandoned (fail-open) */
  budgetMs?: number;
};

const WARN_INTERVAL_MS = 60_000;

class CacheBudgetExceeded extends Error {
  constructor(budgetMs: number) {
    super(`cache store did not answer within ${budgetMs} ms`);
  }
}

function withinBudget<T>(operation: Promise<T>, budgetMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CacheBudgetExceeded(budgetMs)), budgetMs);
    timer.unref();
  });
  return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
}

function counters() {
  const counts = { hits: 0, misses: 0, coalesced: 0, errors: 0 };
  return {
    counts,
    stats(): CacheStats {
      const lookups = counts.hits + counts.misses + counts.coalesced;
      return { ...counts, hitRate: lookups === 0 ? 0 : (counts.hits + counts.coalesced) / lookups };
    },
  };
}

/** A cache over a store (in-process LRU or Redis) with single-flight, counters and fail-open. */
export function createCache(store: CacheStore, options: CacheOptions): Cache {
  const budgetMs = options.budgetMs ?? 100;
  const { counts, stats } = counters();
  const inFlight = new Map<string, Promise<unknown>>();
  // One warning per incident: set on the first failure, cleared (and logged) on the next success.
  // A flapping store (a slow Redis timing out now and then) opens an incident at most once a minute.
  let failing = false;
  let lastWarnedAt = Number.NEGATIVE_INFINITY;
  let failuresSinceWarning = 0;

  const failed = (operation: string, error: unknown) => {
    counts.errors += 1;
    failuresSinceWarning += 1;
    if (!failing && Date.now() - lastWarnedAt >= WARN_INTERVAL_MS) {
      options.logger.warn(
        { err: error instanceof Error ? error.message : String(error), operation, failuresSinceLastWarning: failuresSinceWarning },
        "cache unavailable; computing from the database",
      );
      lastWarnedAt = Date.now();
      failuresSinceWarning = 0;
      failing = true;
    }
  };
  const succeeded = () => {
    if (failing) options.logger.info("cache available again");
    failing = false;
  };

  const read = async <T>(key: string): Promise<{ found: true; value: T } | { found: false }> => {
    try {
      const raw = await withinBudget(store.get(key), budgetMs);
      succeeded();
      return raw === undefined ? { found: false } : { found: true, value: JSON.parse(raw) as T };
    } catch (error) {
      failed("get", error);
      return { found: false };
    }
  };
  const write = async (key: string, value: unknown, ttlMs: number): Promise<void> => {
    const raw = JSON.stringify(value);
    if (raw === undefined) return; // undefined is "not cached", never a stored value
    try {
      await withinBudget(store.set(key, raw, ttlMs), budgetMs);
      succeeded();
    } catch (error) {
      failed("set", error);
    }
  };

  return {
    enabled: true,
    async get<T>(key: string) {
      const result = await read<T>(key);
      return result.found ? result.value : undefined;
    },
    set: write,
    getOrCompute<T>(key: string, ttlMs: number, compute: () => Promise<T>): Promise<T> {
      const pending = inFlight.get(key);
      if (pending) {
        counts.coalesced += 1;
        return pending as Promise<T>;
      }
      let storing: Promise<void> | undefined;
      const lookup = (async () => {
        const cached = await read<T>(key);
        if (cached.found) {
          counts.hits += 1;
          return cached.value;
        }
        counts.misses += 1;
        const value = await compute();
        // The caller gets the value now; the flight lasts until it is stored, so a caller arriving
        // in between joins it rather than recomputing.
        storing = write(key, value, ttlMs);
        return value;
      })();
      inFlight.set(key, lookup);
      void lookup.then(() => storing, () => undefined).finally(() => inFlight.delete(key));
      return lookup;
    },
    stats,
  };
}

/** STATS_CACHE=off: nothing is stored, every lookup computes (the bench's cold runs). */
export function createDisabledCache(): Cache {
  const { counts, stats } = counters();
  return {
    enabled: false,
    async get() {
      return undefined;
    },
    async set() {},
    async getOrCompute<T>(_key: string, _ttlMs: number, compute: () => Promise<T>) {
      counts.misses += 1;
      return compute();
    },
    stats,
  };
}
