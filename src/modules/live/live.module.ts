import type { ModuleDefinition } from "../../server/module.js";
import { LivePlaysResolver } from "./livePlays.resolver.js";

export const liveModule: ModuleDefinition = { resolvers: [LivePlaysResolver] };
