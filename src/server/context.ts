import type { Database } from "../db/client.js";
import type { Cache } from "../platform/cache/cache.js";
import type { Config } from "../platform/config.js";
import type { Logger } from "../platform/logger.js";
import type { PubSub } from "../platform/pubsub.js";
import type { AttemptLimiter, RequestLimiter } from "../platform/rateLimit.js";
import type { Viewer } from "../modules/auth/viewer.js";
import type { NodeType } from "../platform/globalId.js";
import { fetchNode } from "./nodes.js";
import { createLoaders, type Loaders } from "./loaders.js";

/** Sets or clears the browser session cookie; absent for WebSocket operations. */
export type SessionCookieJar = {
  set(token: string, expiresAt: Date): void;
  clear(): void;
};

/** Per-operation state: built for each request (and each subscription event batch), never shared. */
export type Context = {
  requestId: string;
  viewer: Viewer | null;
  db: Database;
  config: Config;
  logger: Logger;
  loaders: Loaders;
  limiters: Limiters;
  pubsub: PubSub;
  /** the app's stats cache (AppDeps.cache) */
  cache: Cache;
  cookies: SessionCookieJar | null;
  /** Loads any Node by type and key (for node(id)); null when absent or hidden from the viewer. */
  fetchNode(type: NodeType, key: string): Promise<object | null>;
};

/** Long-lived, app-wide rate limiters (Redis-backed when REDIS_URL is set). */
export type Limiters = {
  signIn: AttemptLimiter;
  /** requests per token (or IP) on the ListenBrainz-compatible API */
  listenBrainz: RequestLimiter;
};

export type AppDeps = {
  db: Database;
  config: Config;
  logger: Logger;
  limiters: Limiters;
  /** subscription events: in-process, or Redis pub/sub shared by every instance */
  pubsub: PubSub;
  /** stats answers: Redis when REDIS_URL is set, in-process LRU otherwise, or off (STATS_CACHE) */
  cache: Cache;
};

export function createContext(
  deps: AppDeps,
  init: { requestId: string; viewer: Viewer | null; cookies: SessionCookieJar | null },
): Context {
  const ctx: Context = {
    ...deps,
    ...init,
    logger: deps.logger.child({ requestId: init.requestId }),
    loaders: createLoaders(deps.db, init.viewer),
    fetchNode: (type, key) => fetchNode(ctx, type, key),
  };
  return ctx;
}
