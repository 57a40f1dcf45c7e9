import type { ModuleDefinition } from "../../server/module.js";
import { NowPlayingResolver } from "./nowPlaying.resolver.js";
import { UserNowPlayingResolver } from "./userNowPlaying.resolver.js";

export const nowPlayingModule: ModuleDefinition = { resolvers: [NowPlayingResolver, UserNowPlayingResolver] };
