import type { FastifyError, FastifyInstance, HTTPMethods, RouteHandlerMethod } from "fastify";
import type { AppDeps } from "../../server/context.js";
import { hashToken } from "../auth/token.generator.js";
import { listenBrainzViewer, tokenOf, userIdOfToken } from "./listenbrainz.auth.js";
import { ListenBrainzError, lbBadRequest, lbPayloadTooLarge } from "./listenbrainz.error.js";
import { MAX_REQUEST_BYTES } from "./listenbrainz.limits.js";
import { type ListensQuery, ListenBrainzService } from "./listenbrainz.service.js";
import { parseSubmission } from "./listenbrainz.submission.js";

type UserParams = { user_name: string };

const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "Authorization, Content-Type",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-max-age": "21600",
};

/** ListenBrainz accepts its paths with or without a trailing slash; clients send both. */
const withAndWithoutSlash = (path: string) => [path, `${path}/`];

/** Methods a path does not serve answer 405 (Fastify alone would say 404 "Route not found"). */
const OTHER_METHODS: HTTPMethods[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Werkzeug's descriptions, which ListenBrainz sends as `error` for unknown API URLs and methods. */
const NOT_FOUND = "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.";
const METHOD_NOT_ALLOWED = "The method is not allowed for the requested URL.";

/**
 * The ListenBrainz API (https://listenbrainz.readthedocs.io/en/latest/users/api/) under /1/, so
 * existing scrobblers work with a Tonearm base URL and API token. Bodies are read as text
 * whatever their Content-Type (ListenBrainz ignores it) and every answer under /1/, unknown URLs
 * and methods included, uses its JSON shapes.
 */
export async function registerListenBrainzRoutes(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  // "//1/…" (a base URL ending in "/" joined with "/1/…", as the Jellyfin plugin does) reaches
  // these routes too: the server merges duplicate slashes, as ListenBrainz's nginx does (app.ts).
  await fastify.register(listenBrainzApi(deps), { prefix: "/1" });
}

/** The API as a Fastify plugin, mounted under a prefix. */
function listenBrainzApi(deps: AppDeps) {
  return async (scope: FastifyInstance) => {
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
      if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") return reply.code(400).send(lbPayloadTooLarge().body);
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

    // Endpoints we do not serve (feedback, metadata, stats, …) answer like ListenBrainz's unknown URLs.
    scope.setNotFoundHandler(async (_request, reply) => reply.code(404).send(new ListenBrainzError(404, NOT_FOUND).body));

    /** One endpoint: both slash forms, a CORS preflight, and 405 for the methods it does not serve. */
    const route = (path: string, methods: HTTPMethods[], handler: RouteHandlerMethod) => {
      for (const url of withAndWithoutSlash(path)) {
        scope.route({ method: methods, url, handler });
        scope.options(url, async (_request, reply) => reply.code(200).send(""));
        scope.route({
          method: OTHER_METHODS.filter((method) => !methods.includes(method)),
          url,
          handler: async (_request, reply) => reply.code(405).header("allow", [...methods, "HEAD", "OPTIONS"].join(", ")).send(new ListenBrainzError(405, METHOD_NOT_ALLOWED).body),
        });
      }
    };

    route("/submit-listens", ["POST"], async (request, reply) => {
      const viewer = (await listenBrainzViewer(deps.db, request.headers.authorization, false))!;
      // Pano Scrobbler and others ask for the now-playing recording_msid (to send feedback with it).
      const returnMsid = boolArg(request.query as Record<string, unknown>, "return_msid");
      const body = typeof request.body === "string" ? request.body : "";
      const recordingMsid = await service.submit(viewer, parseSubmission(body, new Date()));
      return reply.send(returnMsid && recordingMsid ? { status: "ok", recording_msid: recordingMsid } : { status: "ok" });
    });

    route("/validate-token", ["GET"], async (request, reply) => {
      // ListenBrainz reads a "Token …" header first and falls back to ?token= (any other header: ours, leniently).
      const header = request.headers.authorization;
      const query = request.query as { token?: string };
      const token = (header?.trim().toLowerCase().startsWith("token ") ? tokenOf(header) : undefined) || query.token || tokenOf(header);
      if (!token) throw lbBadRequest("You need to provide an Authorization token.");
      const userId = await userIdOfToken(deps.db, token);
      const username = userId ? await service.usernameOf(userId) : null;
      if (!username) return reply.send({ code: 200, message: "Token invalid.", valid: false });
      return reply.send({ code: 200, message: "Token valid.", valid: true, user_name: username });
    });

    route("/user/:user_name/listens", ["GET"], async (request, reply) => {
      const viewer = await listenBrainzViewer(deps.db, request.headers.authorization, true);
      return reply.send(await service.listens(viewer, (request.params as UserParams).user_name, request.query as ListensQuery));
    });

    route("/user/:user_name/playing-now", ["GET"], async (request, reply) => {
      const viewer = await listenBrainzViewer(deps.db, request.headers.authorization, true);
      return reply.send(await service.playingNow(viewer, (request.params as UserParams).user_name));
    });

    route("/user/:user_name/listen-count", ["GET"], async (request, reply) => {
      const viewer = await listenBrainzViewer(deps.db, request.headers.authorization, true);
      return reply.send(await service.listenCount(viewer, (request.params as UserParams).user_name));
    });

    route("/latest-import", ["GET", "POST"], async (request, reply) => {
      if (request.method === "GET") {
        const viewer = await listenBrainzViewer(deps.db, request.headers.authorization, true);
        return reply.send(await service.latestImport(viewer, (request.query as { user_name?: string }).user_name ?? ""));
      }
      await listenBrainzViewer(deps.db, request.headers.authorization, false);
      if (!hasIntTs(request.body)) throw lbBadRequest("Invalid data sent");
      return reply.send({ status: "ok" });
    });
  };
}

/** A POST /1/latest-import body ListenBrainz accepts: a JSON object whose `ts`, if any, int() reads. */
function hasIntTs(body: unknown): boolean {
  try {
    const data: unknown = JSON.parse(typeof body === "string" ? body : "");
    if (typeof data !== "object" || data === null || Array.isArray(data)) return false;
    const ts = (data as { ts?: unknown }).ts ?? 0;
    return (typeof ts === "number" && Number.isFinite(ts)) || (typeof ts === "string" && /^\s*[+-]?\d+\s*$/.test(ts));
  } catch {
    return false;
  }
}

/** A boolean query parameter read as ListenBrainz's _parse_bool_arg: "true"/"false" in any case, absent or empty is false. */
function boolArg(query: Record<string, unknown>, name: string): boolean {
  const sent = query[name];
  const value = Array.isArray(sent) ? String(sent[0]) : typeof sent === "string" ? sent : "";
  if (value === "") return false;
  if (value.toLowerCase() === "true") return true;
  if (value.toLowerCase() === "false") return false;
  throw lbBadRequest(`Invalid ${name} argument: ${value}`);
}
