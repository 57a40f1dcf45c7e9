import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { fastifyApolloDrainPlugin } from "@as-integrations/fastify";
import fastifyCookie from "@fastify/cookie";
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { GraphQLSchema } from "graphql";
import type { DatabaseHandle } from "../db/client.js";
import { modules } from "../modules/index.js";
import type { Cache } from "../platform/cache/cache.js";
import type { Config } from "../platform/config.js";
import { GRAPHQL_PATH } from "../platform/httpPaths.js";
import type { Logger } from "../platform/logger.js";
import type { Context } from "./context.js";
import { createAppDeps } from "./deps.js";
import { errorLoggingPlugin, formatError } from "./errorMasking.js";
import { createGraphqlHttpHandler } from "./graphqlHttp.js";
import { registerHealthRoutes } from "./health.js";
import type { BackgroundService } from "./module.js";
import { registerPlayground } from "./playground.js";
import { depthLimitRule, queryCostPlugin } from "./queryLimits.js";
import { buildTonearmSchema } from "./schema.js";
import { attachGraphqlWebSocket } from "./websocket.js";

export type App = {
  fastify: FastifyInstance;
  schema: GraphQLSchema;
  /** the stats cache; its stats() counters (hit rate) are for metrics and benchmarks */
  cache: Cache;
  /** Starts listening; resolves with the bound URL. */
  listen(): Promise<string>;
  /** Stops accepting work, finishes what is in flight, closes WebSockets. Idempotent. */
  close(): Promise<void>;
};

export async function createApp(options: { config: Config; database: DatabaseHandle; logger: Logger }): Promise<App> {
  const { config, database, logger } = options;
  const shared = createAppDeps({ config, db: database.db, logger });
  const deps = shared.deps;
  const schema = await buildTonearmSchema();

  const fastify = Fastify({
    loggerInstance: logger as unknown as FastifyBaseLogger,
    bodyLimit: config.maxBodyBytes,
    genReqId: () => randomUUID(),
    forceCloseConnections: "idle",
    // "//graphql", "//1/submit-listens": clients join a base URL ending in "/" with a path, and
    // the reverse proxies in front of such services (nginx) merge the slashes; so does this, before
    // routing (not-found handlers of a prefix included)
    rewriteUrl: (request) => mergeSlashes(request.url ?? "/"),
  });
  fastify.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  await fastify.register(fastifyCookie);
  const webSocket = attachGraphqlWebSocket(fastify, schema, deps);

  const apollo = new ApolloServer<Context>({
    schema,
    csrfPrevention: true,
    // main() owns SIGTERM/SIGINT: Apollo would stop itself and re-raise the signal, killing the process mid-shutdown.
    stopOnTerminationSignals: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // compact JSON: Apollo's default pretty-prints every response (2 ms for a 4,000-bucket activity)
    stringifyResult: (result) => JSON.stringify(result),
    validationRules: [depthLimitRule],
    formatError,
    plugins: [
      fastifyApolloDrainPlugin(fastify),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // no cache hints are used; the default plugin wraps every field resolver (~1 ms per 1,000 fields)
      ApolloServerPluginCacheControlDisabled(),
      errorLoggingPlugin(),
      queryCostPlugin(),
    ],
  });
  await apollo.start();

  await registerPlayground(fastify); // browsers get GraphiQL on GET /graphql; other requests reach Apollo
  fastify.route({ method: ["GET", "POST", "OPTIONS"], url: GRAPHQL_PATH, handler: createGraphqlHttpHandler(apollo, deps) });
  registerHealthRoutes(fastify, database);
  for (const module of modules) await module.registerRoutes?.(fastify, deps);
  const background: BackgroundService[] = [];

  let closing: Promise<void> | null = null;
  return {
    fastify,
    schema,
    cache: deps.cache,
    async listen() {
      await new Promise<void>((resolve, reject) => {
        // With ws attached, EADDRINUSE would otherwise only be logged and listen() never settle.
        fastify.server.once("error", reject);
        fastify.listen({ port: config.port, host: config.host }).then(() => resolve(), reject);
      });
      for (const module of modules) if (module.start) background.push(await module.start(deps));
      const address = fastify.server.address() as AddressInfo;
      const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
      return `http://${host}:${address.port}`;
    },
    close() {
      closing ??= (async () => {
        await webSocket.close();
        // Background work first (e.g. imports checkpoint and stop), then HTTP, then shared connections.
        await Promise.all(background.map((service) => service.stop()));
        await fastify.close();
        await shared.close();
      })();
      return closing;
    },
  };
}

/** Runs of slashes in the path (not the query) become one, as nginx's merge_slashes does. */
function mergeSlashes(url: string): string {
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  return path.includes("//") ? path.replace(/\/{2,}/g, "/") + (query === -1 ? "" : url.slice(query)) : url;
}
