import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../server/context.js";
import { hashToken } from "../auth/token.generator.js";
import { listenBrainzViewer, tokenOf, userIdOfToken } from "./listenbrainz.auth.js";
import { ListenBrainzError, lbBadRequest, lbPayloadTooLarge } from "./listenbrainz.error.js";
import { MAX_REQUEST_BYTES } from "./listenbrainz.limits.js";
import { type ListensQuery, ListenBrainzService } from "./listenbrainz.service.js";
import { parseSubmission } from "./listenbrainz.submission.js";

type UserParams = { Params: { user_name: string } };

const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "Authorization, Content-Type",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-max-age": "21600",
};

/** ListenBrainz accepts its paths with or without a trailing slash; clients send both. */
const withAndWithoutSlash = (path: string) => [path, `${path}/`];

/**
 * The ListenBrainz API (https://listenbrainz.readthedocs.io/en/latest/users/api/) under /1/, so
 * existing scrobblers work with a Tonearm base URL and API token. Bodies are read as text
 * whatever their Content-Type (ListenBrainz ignores it) and answers use its JSON shapes.
 */
export async function registerListenBrainzRoutes(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  await fastify.register(async (scope) => {
    const service = new ListenBrainzService({ db: deps.db, pubsub: deps.pubsub, logger: deps.logger });

    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "string", bodyLimit: MAX_REQUEST_BYTES }, (_request, body, done) => done(null, body));

    scope.addHook("onRequest", async (request, reply) => {
      reply.headers(CORS_HEADERS);
      if (request.method === "OPTIONS") return;
      const token = tokenOf(request.headers.authorization) ?? (request.query as { token?: string }).token;
      const decision = await deps.limiters.listenBrainz.consume(token ? `token:${hashToken(token)}` : `ip:${request.ip}`);
      reply.headers({
        "x-ratelimit-limit": decision.limit,
        "x-ratelimit-remaining": decision.remaining,
        "x-ratelimit-reset-in": decision.resetInSeconds,
        "x-ratelimit-reset": Math.floor(Date.now() / 1000) + decision.resetInSeconds,
      });
      if (!decision.allowed) {
        throw new ListenBrainzError(
          429,
          "You have exceeded your rate limit. See the X-RateLimit-* response headers for more information on your current rate limit.",
        );
      }
    });

    scope.setErrorHandler((error: FastifyError | ListenBrainzError, request, reply) => {
      if (error instanceof ListenBrainzError) return reply.code(error.status).send(error.body);
      if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
        return reply.code(400).send(lbPayloadTooLarge().body);
      }
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        return reply.code(400).send(lbBadRequest(error.message).body);
      }
      request.log.error({ err: error }, "ListenBrainz API request failed");
      const submitting = request.method === "POST";
      // 503 tells scrobblers to keep the listens and retry later, which is right for a storage failure.
      const answer = submitting
        ? new ListenBrainzError(503, "Cannot record listens at this time, please try again later.")
        : new ListenBrainzError(500, "Something went wrong. Please try again.");
      return reply.code(answer.status).send(answer.body);
    });

    for (const url of ["/1/submit-listens", "/1/validate-token", "/1/user/:user_name/listens", "/1/user/:user_name/playing-now", "/1/user/:user_name/listen-count"]) {
      for (const path of withAndWithoutSlash(url)) scope.options(path, async (_request, reply) => reply.code(200).send(""));
    }

    for (const path of withAndWithoutSlash("/1/submit-listens")) {
      scope.post(path, async (request: FastifyRequest, reply: FastifyReply) => {
        const viewer = (await listenBrainzViewer(deps.db, request.headers.authorization, false))!;
        const body = typeof request.body === "string" ? request.body : "";
        await service.submit(viewer, parseSubmission(body, new Date()));
        return reply.send({ status: "ok" });
      });
    }

    for (const path of withAndWithoutSlash("/1/validate-token")) {
      scope.get(path, async (request: FastifyRequest<{ Querystring: { token?: string } }>, reply) => {
        const token = request.query.token || tokenOf(request.headers.authorization);
        if (!token) throw lbBadRequest("You need to provide an Authorization token.");
        const userId = await userIdOfToken(deps.db, token);
        const username = userId ? await service.usernameOf(userId) : null;
        if (!username) return reply.send({ code: 200, message: "Token invalid.", valid: false });
        return reply.send({ code: 200, message: "Token valid.", valid: true, user_name: username });
      });
    }

    for (const path of withAndWithoutSlash("/1/user/:user_name/listens")) {
      scope.get(path, async (request: FastifyRequest<UserParams & { Querystring: ListensQuery }>, reply) => {
        const viewer = await listenBrainzViewer(deps.db, request.headers.authorization, true);
        return reply.send(await service.listens(viewer, request.params.user_name, request.query));
      });
    }

    for (const path of withAndWithoutSlash("/1/user/:user_name/playing-now")) {
      scope.get(path, async (request: FastifyRequest<UserParams>, reply) => {
        const viewer = await listenBrainzViewer(deps.db, request.headers.authorization, true);
        return reply.send(await service.playingNow(viewer, request.params.user_name));
      });
    }

    for (const path of withAndWithoutSlash("/1/user/:user_name/listen-count")) {
      scope.get(path, async (request: FastifyRequest<UserParams>, reply) => {
        const viewer = await listenBrainzViewer(deps.db, request.headers.authorization, true);
        return reply.send(await service.listenCount(viewer, request.params.user_name));
      });
    }
  });
}
