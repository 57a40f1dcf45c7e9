import type { Database } from "../db/client.js";
import { createSignInLimiter } from "../modules/auth/signIn.limiter.js";
import { createListenBrainzLimiter } from "../modules/listenbrainz/listenbrainz.limiter.js";
import { createConfiguredCache } from "../platform/cache/configuredCache.js";
import type { Config } from "../platform/config.js";
import type { Logger } from "../platform/logger.js";
import { createMemoryPubSub, createRedisPubSub } from "../platform/pubsub.js";
import { connectRedis } from "../platform/redis.js";
import type { AppDeps } from "./context.js";

/**
 * The app-wide, long-lived parts every request shares: Redis (when configured) behind the rate
 * limiters, the pub/sub and the stats cache; in-process equivalents without it.
 */
export function createAppDeps(options: { config: Config; db: Database; logger: Logger }): {
  deps: AppDeps;
  close(): Promise<void>;
} {
  const { config, db, logger } = options;
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger, config.redisKeyPrefix) : null;
  const pubsub = redis ? createRedisPubSub(redis, config.redisKeyPrefix, logger) : createMemoryPubSub();
  const deps: AppDeps = {
    db,
    config,
    logger,
    limiters: { signIn: createSignInLimiter(redis), listenBrainz: createListenBrainzLimiter(redis, config) },
    pubsub,
    cache: createConfiguredCache({ enabled: config.statsCache, redis, logger }),
  };
  return {
    deps,
    async close() {
      await pubsub.close();
      redis?.disconnect();
    },
  };
}
