import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from "@as-integrations/fastify";
import fastifyCookie from "@fastify/cookie";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { DatabaseHandle } from "../db/client.js";
import { authenticate } from "../modules/auth/auth.authenticate.js";
import { createSignInLimiter } from "../modules/auth/signIn.limiter.js";
import { createSessionSockets } from "../modules/auth/sessionSockets.js";
import { createListenBrainzLimiter } from "../modules/listenbrainz/listenbrainz.limiter.js";
import { connectRedis } from "../platform/redis.js";
import type { Cache } from "../platform/cache/cache.js";
import { createConfiguredCache } from "../platform/cache/configuredCache.js";
import { createMemoryPubSub, createRedisPubSub } from "../platform/pubsub.js";
import { modules } from "../modules/index.js";
import type { BackgroundService } from "./module.js";
import type { Viewer } from "../modules/auth/viewer.js";
import type { Config } from "../platform/config.js";
import { AppError } from "../platform/errors.js";
import type { Logger } from "../platform/logger.js";
import { type AppDeps, type Context, createContext, type SessionCookieJar } from "./context.js";
import { errorLoggingPlugin, formatError } from "./errorMasking.js";
import { registerHealthRoutes } from "./health.js";
import { registerPlayground } from "./playground.js";
import { depthLimitRule, queryCostPlugin } from "./queryLimits.js";
import { buildTonearmSchema } from "./schema.js";

export const SESSION_COOKIE = "tonearm_session";
export const GRAPHQL_PATH = "/graphql";

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
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger, config.redisKeyPrefix) : null;
  const pubsub = redis ? createRedisPubSub(redis, config.redisKeyPrefix, logger) : createMemoryPubSub();
  const cache = createConfiguredCache({ enabled: config.statsCache, redis, logger });
  const deps: AppDeps = { db: database.db, config, logger, limiters: { signIn: createSignInLimiter(redis), listenBrainz: createListenBrainzLimiter(redis, config) }, pubsub, cache };
  const schema = await buildTonearmSchema();

  const fastify = Fastify({
    loggerInstance: logger as unknown as FastifyBaseLogger,
    bodyLimit: config.maxBodyBytes,
    genReqId: () => randomUUID(),
    forceCloseConnections: "idle",
  });
  fastify.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  await fastify.register(fastifyCookie);

  const wsServer = new WebSocketServer({ server: fastify.server, path: GRAPHQL_PATH });
  // Subscriptions end with their session: sign-out (on any instance) or expiry closes the socket (4401).
  const sessionSockets = createSessionSockets(deps);
  const wsCleanup = useServer<Record<string, unknown>, { viewer?: Viewer | null }>(
    {
      schema,
      async onConnect(ctx) {
        const authorization = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        if (authorization !== undefined && typeof authorization !== "string") return false;
        try {
          // Browsers cannot set headers on a WebSocket, but they do send the session cookie.
          const cookieHeader = ctx.extra.request.headers.cookie;
          const cookieToken = cookieHeader ? fastify.parseCookie(cookieHeader)[SESSION_COOKIE] : undefined;
          const result = await authenticate(database.db, { authorization, cookieToken });
          ctx.extra.viewer = result.viewer;
          sessionSockets.add(ctx.extra.socket, result.viewer);
          return true;
        } catch (error) {
          if (error instanceof AppError) return false; // closes with 4403 Forbidden
          throw error;
        }
      },
      onClose(ctx) {
        sessionSockets.remove(ctx.extra.socket);
      },
      context: (ctx): Context =>
        createContext(deps, { requestId: randomUUID(), viewer: ctx.extra.viewer ?? null, cookies: null }),
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    csrfPrevention: true,
    // main() owns SIGTERM/SIGINT: Apollo would stop itself and re-raise the signal, killing the process mid-shutdown.
    stopOnTerminationSignals: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimitRule],
    formatError,
    plugins: [
      fastifyApolloDrainPlugin(fastify),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      errorLoggingPlugin(),
      queryCostPlugin(),
    ],
  });
  await apollo.start();

  const contextFor = async (request: FastifyRequest, reply: FastifyReply): Promise<Context> => {
    const cookieToken = request.cookies[SESSION_COOKIE];
    const cookies: SessionCookieJar = {
      set(token, expiresAt) {
        reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          secure: config.cookieSecure,
          sameSite: "lax",
          path: "/",
          expires: expiresAt,
        });
      },
      clear() {
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
      },
    };
    const result = await authenticate(database.db, { authorization: request.headers.authorization, cookieToken });
    if (result.clearCookie) cookies.clear();
    if (result.refreshCookie) cookies.set(result.refreshCookie.token, result.refreshCookie.expiresAt);
    return createContext(deps, { requestId: request.id, viewer: result.viewer, cookies });
  };

  const graphqlHandler = fastifyApolloHandler(apollo, {
    context: async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        return await contextFor(request, reply);
      } catch (error) {
        if (error instanceof AppError) {
          // Apollo answers context errors with 500 unless told otherwise.
          error.extensions.http = { status: error.extensions.code === "UNAUTHENTICATED" ? 401 : 400 };
        }
        throw error;
      }
    },
  });
  await registerPlayground(fastify); // browsers get GraphiQL on GET /graphql; other requests reach Apollo
  fastify.route({ method: ["GET", "POST", "OPTIONS"], url: GRAPHQL_PATH, handler: graphqlHandler });
  registerHealthRoutes(fastify, database);
  for (const module of modules) await module.registerRoutes?.(fastify, deps);
  const background: BackgroundService[] = [];

  let closing: Promise<void> | null = null;
  return {
    fastify,
    schema,
    cache,
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
        for (const client of wsServer.clients) client.close(1001, "Server shutting down");
        await wsCleanup.dispose();
        await sessionSockets.stop();
        await new Promise<void>((resolve) => wsServer.close(() => resolve()));
        // Background work first (e.g. imports checkpoint and stop), then HTTP, then shared connections.
        await Promise.all(background.map((service) => service.stop()));
        await fastify.close();
        await pubsub.close();
        redis?.disconnect();
      })();
      return closing;
    },
  };
}

