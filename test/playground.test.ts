import { execFile } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./testServer.js";

const execFileAsync = promisify(execFile);
const CHROMIUM = "/usr/bin/chromium";
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/** URLs the browser would fetch: script src, link href, img src, CSS url(), JS import(). */
function fetchTargets(text: string): string[] {
  const targets = [
    ...text.matchAll(/<(?:script|img|iframe)[^>]*\ssrc="([^"]+)"/g),
    ...text.matchAll(/<link[^>]*\shref="([^"]+)"/g),
    ...text.matchAll(/url\(\s*['"]?([^'")]+)/g),
  ].map((match) => match[1]!);
  return targets.filter((target) => !target.startsWith("data:"));
}

describe("GraphiQL playground", () => {
  let server: TestServer;
  let html: string;
  let response: Response;
  beforeAll(async () => {
    server = await startTestServer();
    response = await fetch(`${server.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    html = await response.text();
  });
  afterAll(async () => {
    await server.close();
  });

  it("serves GraphiQL to a browser on GET /graphql, guarded by a same-origin CSP", () => {
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html).toContain('id="graphiql"');
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:/);
  });

  it("references only its own assets, and serves each of them", async () => {
    expect(html).not.toMatch(/https?:\/\//);
    const targets = fetchTargets(html);
    expect(targets.length).toBeGreaterThanOrEqual(4);
    for (const target of targets) {
      expect(target, `${target} must be served by this server`).toMatch(/^\/graphql\/assets\//);
      const asset = await fetch(new URL(target, server.url));
      expect(asset.status, target).toBe(200);
      const body = await asset.text();
      expect(body.length, target).toBeGreaterThan(0);
      // No asset loads anything by absolute URL (CSS @import/url(), JS import()/fetch/script).
      for (const nested of fetchTargets(body)) expect(nested, `${target} loads ${nested}`).not.toMatch(/^(https?:)?\/\//);
      expect(body, target).not.toMatch(/\bimport\(\s*["'`]https?:/);
      expect(body, target).not.toMatch(/\bfetch\(\s*["'`]https?:/);
    }
  });

  it("enables the headers editor with an Authorization example and subscriptions over graphql-ws", async () => {
    const script = await (await fetch(`${server.url}/graphql/assets/playground.js`)).text();
    expect(script).toContain("isHeadersEditorEnabled: true");
    expect(script).toContain("Bearer <token>");
    expect(script).toMatch(/subscriptionUrl: subscriptionUrl/);
    expect(script).toContain("wsConnectionParams");
    expect(script).toContain('replace(/^http/, "ws")');
    // graphiql's UMD build carries the graphql-ws client (protocol graphql-transport-ws).
    const graphiql = await (await fetch(`${server.url}/graphql/assets/graphiql.min.js`)).text();
    expect(graphiql).toContain("graphql-transport-ws");
    expect(graphiql).toContain("createFetcher");
  });

  it("wires GraphiQL as intended (the shipped script, run against stand-ins for React and GraphiQL)", async () => {
    const script = await (await fetch(`${server.url}/graphql/assets/playground.js`)).text();
    const seen: { fetcherOptions?: any; props?: any; sent: any[] } = { sent: [] };
    runInNewContext(script, {
      location: { origin: "https://music.example" },
      document: { getElementById: (id: string) => ({ id }) },
      GraphiQL: Object.assign(() => null, {
        createFetcher(options: unknown) {
          seen.fetcherOptions = options;
          return (_params: unknown, options: unknown) => seen.sent.push(options);
        },
      }),
      React: { createElement: (_component: unknown, props: unknown) => (seen.props = props) },
      ReactDOM: { createRoot: () => ({ render: () => undefined }) },
    });
    expect(seen.fetcherOptions).toEqual({
      url: "https://music.example/graphql",
      subscriptionUrl: "wss://music.example/graphql",
      wsConnectionParams: {},
    });
    expect(seen.props).toMatchObject({ isHeadersEditorEnabled: true, shouldPersistHeaders: false });
    expect(JSON.parse(seen.props.defaultHeaders)).toEqual({ Authorization: "Bearer <token>" });
    // The example header is not sent until a real token replaces it; other headers are.
    seen.props.fetcher({ query: "{ __typename }" }, { headers: { Authorization: "Bearer <token>", "X-Trace": "1" } });
    seen.props.fetcher({ query: "{ __typename }" }, { headers: { Authorization: "Bearer abc123" } });
    expect(seen.sent.map((options) => options.headers)).toEqual([{ "X-Trace": "1" }, { Authorization: "Bearer abc123" }]);
  });

  it("answers unknown assets with 404 and serves no files outside its list", async () => {
    expect((await fetch(`${server.url}/graphql/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/graphql/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it("leaves non-browser GET requests to Apollo", async () => {
    const query = encodeURIComponent("{ __typename }");
    const get = await fetch(`${server.url}/graphql?query=${query}`, {
      headers: { accept: "application/json", "apollo-require-preflight": "true" },
    });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { __typename: "Query" } });
    const post = await server.graphql(`{ __typename }`);
    expect(post.data).toEqual({ __typename: "Query" });
  });

  it.skipIf(!existsSync(CHROMIUM))("renders GraphiQL in headless Chromium with no outside request", async () => {
    const { stdout } = await execFileAsync(
      CHROMIUM,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--user-data-dir=${mkdtempSync(join(tmpdir(), "tonearm-chromium-"))}`,
        "--virtual-time-budget=10000",
        "--dump-dom",
        `${server.url}/graphql`,
      ],
      { timeout: 25_000, maxBuffer: 20 * 1024 * 1024 },
    );
    expect(stdout).toContain("graphiql-container");
    expect(stdout).not.toContain("Loading GraphiQL");
  });
});
