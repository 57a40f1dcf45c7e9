import type { NonEmptyArray } from "type-graphql";
import type { NodeType } from "../platform/globalId.js";
import type { Context } from "./context.js";

/** Loads one node by its database key for `node(id)` and federation `_entities`; null when absent or hidden. */
export type NodeFetcher = (ctx: Context, key: string) => Promise<object | null>;

/** What a feature module contributes to the schema. */
export type ModuleDefinition = {
  resolvers: NonEmptyArray<Function>;
  /** fetchers for the Node / @key entity types this module owns */
  nodes?: Partial<Record<NodeType, NodeFetcher>>;
};
