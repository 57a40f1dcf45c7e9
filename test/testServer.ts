import { randomBytes } from "node:crypto";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import type { DatabaseHandle } from "../src/db/client.js";
import { loadConfig } from "../src/platform/config.js";
import { createLogger } from "../src/platform/logger.js";
import { type App, createApp } from "../src/server/app.js";
import { createTestDatabase } from "./testDatabase.js";

export type GraphQLResponse<T = Record<string, any>> = {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
};

export type TestServer = {
  url: string;
  app: App;
  database: DatabaseHandle;
  /**
   * POSTs an operation to /graphql: a query string, or a typed document generated from
   * test/operations (then data and variables are typed). `token` is sent as a Bearer session
   * token unless `authorization` is given.
   */
  graphql<T = Record<string, any>, V = Record<string, unknown>>(
    query: string | TypedDocumentNode<T, V>,
    variables?: V,
    auth?: { token?: string; authorization?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T> & { status: number; headers: Headers }>;
  /** A graphql-ws client connected to the server. */
  wsClient(connectionParams?: Record<string, unknown>): Client;
  close(): Promise<void>;
};

/**
 * Starts the real HTTP server on an ephemeral port over a fresh database, or over `shared.database`
 * (another test server's, to run two instances over one database: PGlite's in-process handle or
 * the same PostgreSQL pool). A shared database stays open until its owner closes.
 */
export async function startTestServer(env: Record<string, string> = {}, shared: { database?: DatabaseHandle } = {}): Promise<TestServer> {
  const database = shared.database ?? (await createTestDatabase());
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    // Real Redis when the run has one (CI), under a prefix no other test shares.
    REDIS_URL: process.env.REDIS_URL ?? "",
    REDIS_KEY_PREFIX: `test:${randomBytes(6).toString("hex")}:`,
    ...env,
  });
  const app = await createApp({ config, database, logger: createLogger(config.logLevel) });
  const url = await app.listen();
  const clients: Client[] = [];
  return {
    url,
    app,
    database,
    async graphql(query, variables, auth) {
      const headers: Record<string, string> = { "content-type": "application/json", ...auth?.headers };
      if (auth?.authorization) headers.authorization = auth.authorization;
      else if (auth?.token) headers.authorization = `Bearer ${auth.token}`;
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers,
        body: JSON.stringify({ query: typeof query === "string" ? query : print(query), variables }),
      });
      const body = (await response.json()) as GraphQLResponse<any>;
      return { ...body, status: response.status, headers: response.headers };
    },
    wsClient(connectionParams) {
      const client = createClient({
        url: `${url.replace(/^http/, "ws")}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams,
        retryAttempts: 0,
        lazy: true,
      });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((client) => client.dispose()));
      await app.close();
      if (!shared.database) await database.close();
    },
  };
}
