import type { ModuleDefinition } from "../../server/module.js";
import { fetchImportNode } from "./import.context.js";
import { ImportResolver } from "./import.resolver.js";
import { registerImportRoutes } from "./import.routes.js";
import { startImportRunner } from "./import.runner.js";
import { ListenImportResolver } from "./listenImport.resolver.js";

/** Imports as background jobs: uploads (GraphQL multipart, POST /api/imports), the runner, progress. */
export const importModule: ModuleDefinition = {
  resolvers: [ImportResolver, ListenImportResolver],
  nodes: { Import: fetchImportNode },
  registerRoutes: registerImportRoutes,
  start: startImportRunner,
};
