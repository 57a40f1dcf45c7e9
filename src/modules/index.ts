import type { ModuleDefinition } from "../server/module.js";
import { NodeResolver } from "./node/node.resolver.js";

/** Every feature module, in one list: the schema is built from it. */
export const modules: ModuleDefinition[] = [{ resolvers: [NodeResolver] }];
