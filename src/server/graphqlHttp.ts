import type { ApolloServer } from "@apollo/server";
import { fastifyApolloHandler } from "@as-integrations/fastify";
import type { FastifyReply, FastifyRequest } from "fastify";
import { authenticate } from "../modules/auth/auth.authenticate.js";
import { AppError } from "../platform/errors.js";
import { SESSION_COOKIE } from "../platform/httpPaths.js";
import { type AppDeps, type Context, createContext, type SessionCookieJar } from "./context.js";

/** The session cookie of one HTTP response. */
function cookieJar(reply: FastifyReply, secure: boolean): SessionCookieJar {
  return {
    set(token, expiresAt) {
      reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, secure, sameSite: "lax", path: "/", expires: expiresAt });
    },
    clear() {
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
    },
  };
}

/** Apollo's Fastify handler for /graphql: authenticates each request and builds its context. */
export function createGraphqlHttpHandler(apollo: ApolloServer<Context>, deps: AppDeps) {
  const contextFor = async (request: FastifyRequest, reply: FastifyReply): Promise<Context> => {
    const cookies = cookieJar(reply, deps.config.cookieSecure);
    const result = await authenticate(deps.db, {
      authorization: request.headers.authorization,
      cookieToken: request.cookies[SESSION_COOKIE],
    });
    if (result.clearCookie) cookies.clear();
    if (result.refreshCookie) cookies.set(result.refreshCookie.token, result.refreshCookie.expiresAt);
    const context = createContext(deps, { requestId: request.id, viewer: result.viewer, cookies });
    // read with the session: the request needs no second round trip for its own user
    if (result.viewerUser) context.loaders.users.userById.prime(result.viewerUser.id, result.viewerUser);
    return context;
  };

  return fastifyApolloHandler(apollo, {
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
}
