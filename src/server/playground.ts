import { createReadStream } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/**
 * GraphiQL at GET /graphql for browsers (Accept: text/html), from files installed with the
 * app: graphiql 3's UMD build (which bundles the graphql-ws client) and React 18's UMD
 * builds. The page makes no request outside this server; its CSP forbids it.
 */
export const PLAYGROUND_PATH = "/graphql";
export const PLAYGROUND_ASSETS_PATH = "/graphql/assets";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

type Asset = { file?: string; body?: string; type: string };

function playgroundAssets(): Map<string, Asset> {
  const graphiql = packageDir("graphiql");
  const react = packageDir("react");
  const reactDom = packageDir("react-dom");
  return new Map<string, Asset>([
    ["react.production.min.js", { file: join(react, "umd/react.production.min.js"), type: "text/javascript" }],
    ["react-dom.production.min.js", { file: join(reactDom, "umd/react-dom.production.min.js"), type: "text/javascript" }],
    ["graphiql.min.js", { file: join(graphiql, "graphiql.min.js"), type: "text/javascript" }],
    ["graphiql.min.js.map", { file: join(graphiql, "graphiql.min.js.map"), type: "application/json" }],
    ["graphiql.min.css", { file: join(graphiql, "graphiql.min.css"), type: "text/css" }],
    ["playground.js", { body: PLAYGROUND_SCRIPT, type: "text/javascript" }],
  ]);
}

const TOKEN_PLACEHOLDER = "Bearer <token>";

const DEFAULT_QUERY = `# Welcome to Tonearm.
#
# Sign up or sign in with a mutation (signUp / signIn); the answer holds a token.
# Then open "Headers" below and replace <token>:
#   {"Authorization": "Bearer <token>"}
# The same header signs subscriptions (sent as graphql-ws connection params).
# While it still says <token>, no Authorization header is sent.

query Hello {
  __typename
}
`;

/** Runs in the browser. Kept as a string so the build needs no copy step. */
const PLAYGROUND_SCRIPT = `"use strict";
(function () {
  var endpoint = location.origin + ${JSON.stringify(PLAYGROUND_PATH)};
  var subscriptionUrl = endpoint.replace(/^http/, "ws");
  var placeholder = ${JSON.stringify(TOKEN_PLACEHOLDER)};
  // Drops the Authorization example until a real token replaces it.
  function realHeaders(headers) {
    var out = {};
    Object.keys(headers || {}).forEach(function (name) {
      var value = headers[name];
      if (name.toLowerCase() === "authorization" && (!value || value === placeholder)) return;
      out[name] = value;
    });
    return out;
  }
  var fetcher = GraphiQL.createFetcher({ url: endpoint, subscriptionUrl: subscriptionUrl, wsConnectionParams: {} });
  function tonearmFetcher(params, options) {
    return fetcher(params, Object.assign({}, options, { headers: realHeaders(options && options.headers) }));
  }
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, {
      fetcher: tonearmFetcher,
      defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
      defaultHeaders: JSON.stringify({ Authorization: placeholder }, null, 2),
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: "headers",
      shouldPersistHeaders: false
    })
  );
})();
`;

const asset = (name: string) => `${PLAYGROUND_ASSETS_PATH}/${name}`;

const PLAYGROUND_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Tonearm GraphiQL</title>
    <link rel="stylesheet" href="${asset("graphiql.min.css")}" />
    <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script src="${asset("react.production.min.js")}"></script>
    <script src="${asset("react-dom.production.min.js")}"></script>
    <script src="${asset("graphiql.min.js")}"></script>
    <script src="${asset("playground.js")}"></script>
  </body>
</html>
`;

/**
 * Only this server: scripts and styles from here (GraphiQL sets inline styles, its fonts are
 * data: URLs), fetch and WebSocket to here ('self' covers ws/wss to the same host).
 */
export const PLAYGROUND_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

function wantsHtml(request: FastifyRequest): boolean {
  return request.method === "GET" && (request.headers.accept ?? "").includes("text/html");
}

/**
 * Serves the playground to browsers on GET /graphql and its assets under /graphql/assets/.
 * Register before the /graphql route: other GET requests (GraphQL over GET) go on to Apollo.
 */
export async function registerPlayground(fastify: FastifyInstance): Promise<void> {
  const assets = playgroundAssets();

  fastify.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.routeOptions.url !== PLAYGROUND_PATH || !wantsHtml(request)) return;
    return reply
      .header("content-security-policy", PLAYGROUND_CSP)
      .header("cache-control", "no-cache")
      .type("text/html; charset=utf-8")
      .send(PLAYGROUND_HTML);
  });

  fastify.get<{ Params: { name: string } }>(`${PLAYGROUND_ASSETS_PATH}/:name`, async (request, reply) => {
    const found = assets.get(request.params.name);
    if (!found) return reply.code(404).send({ error: "not found" });
    reply.header("content-security-policy", PLAYGROUND_CSP).header("cache-control", "public, max-age=3600").type(found.type);
    return reply.send(found.file ? createReadStream(found.file) : found.body);
  });
}
