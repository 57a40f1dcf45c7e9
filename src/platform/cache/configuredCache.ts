import type { Logger } from "../logger.js";
import type { Redis } from "../redis.js";
import { type Cache, createCache, createDisabledCache } from "./cache.js";
import { createMemoryStore } from "./memoryStore.js";
import { createRedisStore } from "./redisStore.js";

/** The app's cache: shared through Redis when there is one, in this process otherwise, or off. */
export function createConfiguredCache(options: { enabled: boolean; redis: Redis | null; logger: Logger }): Cache {
  if (!options.enabled) return createDisabledCache();
  const store = options.redis ? createRedisStore(options.redis) : createMemoryStore();
  return createCache(store, { logger: options.logger });
}
