import type { Config } from "../../platform/config.js";
import { createRequestLimiter, type RequestLimiter } from "../../platform/rateLimit.js";
import type { Redis } from "../../platform/redis.js";

/** Requests per API token (or client IP without one) on /1/…, as ListenBrainz limits its API. */
export function createListenBrainzLimiter(redis: Redis | null, config: Pick<Config, "listenBrainzRateLimit">): RequestLimiter {
  return createRequestLimiter(redis, "listenbrainz", config.listenBrainzRateLimit);
}
