import type { Database } from "../db/client.js";
import type { Viewer } from "../modules/auth/viewer.js";
import { createCatalogLoaders } from "../modules/catalog/catalog.loaders.js";
import { createListenLoaders } from "../modules/listen/listen.loaders.js";
import { createNowPlayingLoaders } from "../modules/nowPlaying/nowPlaying.loaders.js";
import { createUserLoaders } from "../modules/user/user.loaders.js";

/**
 * Every module's DataLoaders, created fresh per operation so nothing is cached across requests
 * or across subscription events.
 */
export function createLoaders(db: Database, viewer: Viewer | null) {
  return {
    users: createUserLoaders(db),
    listens: createListenLoaders(db, viewer),
    catalog: createCatalogLoaders(db, viewer),
    nowPlaying: createNowPlayingLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
