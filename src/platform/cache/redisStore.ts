import type { Redis } from "../redis.js";
import type { CacheStore } from "./cacheStore.js";

/**
 * Values shared by every instance through Redis (the connection's key prefix applies). The
 * connection from connectRedis times commands out at 100 ms and rejects them at once while
 * disconnected, so an outage costs a request at most that.
 */
export function createRedisStore(redis: Redis, namespace = "cache:"): CacheStore {
  return {
    async get(key) {
      const value = await redis.get(namespace + key);
      return value ?? undefined;
    },
    async set(key, value, ttlMs) {
      await redis.set(namespace + key, value, "PX", Math.max(1, Math.round(ttlMs)));
    },
  };
}
