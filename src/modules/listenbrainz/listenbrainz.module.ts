import type { ModuleDefinition } from "../../server/module.js";
import { registerListenBrainzRoutes } from "./listenbrainz.routes.js";

/** The ListenBrainz-compatible HTTP API: routes only, no GraphQL types (the schema build takes an empty list). */
export const listenBrainzModule: ModuleDefinition = {
  resolvers: [] as unknown as ModuleDefinition["resolvers"],
  registerRoutes: registerListenBrainzRoutes,
};
