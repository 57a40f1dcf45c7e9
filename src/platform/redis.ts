import { Redis } from "ioredis";
import type { Logger } from "./logger.js";

export type { Redis };

/**
 * The shared Redis connection when REDIS_URL is set. Commands time out quickly and are not
 * queued while disconnected, so a Redis outage degrades features (fail-open) instead of
 * stalling requests; the outage is logged once, and recovery once.
 */
export function connectRedis(url: string, logger: Logger, keyPrefix = "tonearm:"): Redis {
  const redis = new Redis(url, {
    keyPrefix,
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 100,
    connectTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let down = false;
  redis.on("error", (error: Error) => {
    if (!down) logger.warn({ err: error.message }, "redis unavailable; continuing without it");
    down = true;
  });
  redis.on("ready", () => {
    if (down) logger.info("redis available again");
    down = false;
  });
  return redis;
}
