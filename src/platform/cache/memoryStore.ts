import { LRUCache } from "lru-cache";
import type { CacheStore } from "./cacheStore.js";

/**
 * Values kept in this process, least recently used evicted first. Bounded by total characters
 * (a top-50 list is a few kB), so a burst of large values cannot grow the heap without limit.
 */
export function createMemoryStore(options: { maxChars?: number; clock?: { now(): number } } = {}): CacheStore {
  const lru = new LRUCache<string, string>({
    ...(options.clock ? { perf: options.clock } : {}),
    maxSize: options.maxChars ?? 32 * 1024 * 1024,
    sizeCalculation: (value, key) => value.length + key.length,
  });
  return {
    async get(key) {
      return lru.get(key);
    },
    async set(key, value, ttlMs) {
      lru.set(key, value, { ttl: ttlMs });
    },
  };
}
