import type { ModuleDefinition } from "../../server/module.js";
import { AlbumCountResolver, ArtistCountResolver, TrackCountResolver } from "./itemCount.resolver.js";
import { StatsResolver } from "./stats.resolver.js";
import { UserStatsResolver } from "./userStats.resolver.js";

/** Statistics: User.stats and the Stats fields. */
export const statsModule: ModuleDefinition = {
  resolvers: [UserStatsResolver, StatsResolver, ArtistCountResolver, TrackCountResolver, AlbumCountResolver],
};
