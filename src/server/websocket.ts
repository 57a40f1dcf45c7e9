import type { FastifyInstance } from "fastify";
import type { GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { randomUUID } from "node:crypto";
import { WebSocketServer } from "ws";
import { authenticate } from "../modules/auth/auth.authenticate.js";
import { createSessionSockets } from "../modules/auth/sessionSockets.js";
import type { Viewer } from "../modules/auth/viewer.js";
import { AppError } from "../platform/errors.js";
import { GRAPHQL_PATH, SESSION_COOKIE } from "../platform/httpPaths.js";
import { type AppDeps, type Context, createContext } from "./context.js";

/**
 * graphql-ws on the GraphQL path of Fastify's server. Authenticates once per connection
 * (connectionParams.authorization, or the browser's session cookie); bad credentials close with
 * 4403. Subscriptions end with their session: sign-out (on any instance) or expiry closes 4401.
 */
export function attachGraphqlWebSocket(fastify: FastifyInstance, schema: GraphQLSchema, deps: AppDeps) {
  const wsServer = new WebSocketServer({ server: fastify.server, path: GRAPHQL_PATH });
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
          const result = await authenticate(deps.db, { authorization, cookieToken });
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
  return {
    /** Closes every socket with 1001 (going away) and stops accepting new ones. */
    async close() {
      for (const client of wsServer.clients) client.close(1001, "Server shutting down");
      await wsCleanup.dispose();
      await sessionSockets.stop();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
