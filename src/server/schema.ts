import "reflect-metadata";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { type GraphQLSchema, lexicographicSortSchema, parse } from "graphql";
import { buildSchema, createResolversMap } from "type-graphql";
import { fromGlobalId } from "../platform/globalId.js";
import { DateTimeScalar } from "../platform/graphql/scalars.js";
import { modules } from "../modules/index.js";
import type { Context } from "./context.js";
import { nodeFetchers } from "./nodes.js";

/**
 * Every @Subscription passes its own `subscribe` (over ctx.pubsub, with its access checks), but
 * type-graphql refuses to build subscriptions without a PubSub: this one rejects topic-based use.
 */
const topicSubscriptionsUnsupported = {
  publish(): never {
    throw new Error("Publish through ctx.pubsub / deps.pubsub (src/platform/pubsub.ts)");
  },
  subscribe(): never {
    throw new Error("Give @Subscription a `subscribe` function over ctx.pubsub instead of topics");
  },
};

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])\n';

/**
 * Builds the federation 2 subgraph schema: type-graphql → SDL with directives →
 * buildSubgraphSchema with the type-graphql resolvers plus `__resolveReference` per entity.
 */
export async function buildTonearmSchema(): Promise<GraphQLSchema> {
  const resolvers = modules.flatMap((module) => module.resolvers) as [Function, ...Function[]];
  const typeGraphqlSchema = await buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    skipCheck: true,
    pubSub: topicSubscriptionsUnsupported,
  });
  const resolverMap = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  for (const type of nodeFetchers().keys()) {
    resolverMap[type] = {
      ...resolverMap[type],
      __resolveReference: (reference: { id: string }, ctx: Context) =>
        ctx.fetchNode(type, fromGlobalId(type, reference.id, "representations.id")),
    };
  }
  const sdl = FEDERATION_LINK + printSchemaWithDirectives(lexicographicSortSchema(typeGraphqlSchema));
  return buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolverMap as never });
}
