import type { ModuleDefinition } from "../server/module.js";
import { ApiTokenResolver } from "./auth/apiToken.resolver.js";
import { AuthResolver } from "./auth/auth.resolver.js";
import { catalogModule } from "./catalog/catalog.module.js";
import { importModule } from "./import/import.module.js";
import { fetchListenNode } from "./listen/listen.context.js";
import { ListenResolver } from "./listen/listen.resolver.js";
import { UserListensResolver } from "./listen/userListens.resolver.js";
import { NodeResolver } from "./node/node.resolver.js";
import { statsModule } from "./stats/stats.module.js";
import { fetchUserNode } from "./user/user.reference.js";
import { UserResolver } from "./user/user.resolver.js";
import { liveModule } from "./live/live.module.js";
import { listenBrainzModule } from "./listenbrainz/listenbrainz.module.js";
import { nowPlayingModule } from "./nowPlaying/nowPlaying.module.js";

/** Every feature module, in one list: the schema is built from it. */
export const modules: ModuleDefinition[] = [
  { resolvers: [NodeResolver] },
  { resolvers: [AuthResolver, ApiTokenResolver] },
  { resolvers: [UserResolver], nodes: { User: fetchUserNode } },
  catalogModule,
  importModule,
  { resolvers: [ListenResolver, UserListensResolver], nodes: { Listen: fetchListenNode } },
  nowPlayingModule,
  liveModule,
  listenBrainzModule,
  statsModule,
];
