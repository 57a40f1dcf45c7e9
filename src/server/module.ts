import type { FastifyInstance } from "fastify";
import type { NonEmptyArray } from "type-graphql";
import type { NodeType } from "../platform/globalId.js";
import type { AppDeps, Context } from "./context.js";

/** Loads one node by its database key for `node(id)` and federation `_entities`; null when absent or hidden. */
export type NodeFetcher = (ctx: Context, key: string) => Promise<object | null>;

/** A long-lived part of a module (a job runner, a sweeper): started with the app, stopped before it closes. */
export type BackgroundService = { stop(): Promise<void> };

/** What a feature module contributes to the app. */
export type ModuleDefinition = {
  resolvers: NonEmptyArray<Function>;
  /** fetchers for the Node / @key entity types this module owns */
  nodes?: Partial<Record<NodeType, NodeFetcher>>;
  /** plain HTTP routes beside /graphql (REST-style APIs, uploads) */
  registerRoutes?(fastify: FastifyInstance, deps: AppDeps): Promise<void> | void;
  /** background work started once the server listens */
  start?(deps: AppDeps): Promise<BackgroundService>;
};
