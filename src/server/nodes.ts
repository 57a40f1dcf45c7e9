import type { NodeType } from "../platform/globalId.js";
import { modules } from "../modules/index.js";
import type { Context } from "./context.js";
import type { NodeFetcher } from "./module.js";

let registry: Map<NodeType, NodeFetcher> | null = null;

/**
 * Every Node type's fetcher, from all modules. Built once, on first use: the module list is
 * static, but this file is imported while the modules themselves are still loading.
 */
export function nodeFetchers(): Map<NodeType, NodeFetcher> {
  if (!registry) {
    registry = new Map();
    for (const module of modules) {
      for (const [type, fetcher] of Object.entries(module.nodes ?? {})) registry.set(type as NodeType, fetcher);
    }
  }
  return registry;
}

/** Fetches a node and tags it with its type so the Node interface can resolve it. */
export async function fetchNode(ctx: Context, type: NodeType, key: string): Promise<object | null> {
  const fetcher = nodeFetchers().get(type);
  if (!fetcher) return null;
  const node = await fetcher(ctx, key);
  return node ? { ...node, __typename: type } : null;
}
