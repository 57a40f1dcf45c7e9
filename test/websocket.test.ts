import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpUser } from "./factories/user.factory.js";
import { startTestServer, type TestServer } from "./testServer.js";

/** A ws client class that sends a Cookie header on the upgrade request, as a browser would. */
function webSocketWithCookie(cookie: string) {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  };
}

function runOnce(client: ReturnType<typeof createClient>, query: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let result: unknown;
    client.subscribe({ query }, { next: (value) => (result = value), error: reject, complete: () => resolve(result) });
  });
}

describe("graphql-ws transport", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("authenticates a browser by its session cookie on the upgrade request", async () => {
    const { token, username } = await signUpUser(server);
    const client = createClient({
      url: `${server.url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: webSocketWithCookie(`tonearm_session=${token}`),
      retryAttempts: 0,
    });
    try {
      expect(await runOnce(client, "{ me { username } }")).toEqual({ data: { me: { username } } });
    } finally {
      await client.dispose();
    }
  });

  it("runs signed out when no credentials are given", async () => {
    const client = server.wsClient();
    expect(await runOnce(client, "{ me { username } }")).toEqual({ data: { me: null } });
  });
});

describe("graphql-ws shutdown", () => {
  it("closes open sockets cleanly (1001) when the server stops", async () => {
    const server = await startTestServer();
    const socket = new WebSocket(`${server.url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws");
    await new Promise((resolve, reject) => {
      socket.once("open", resolve);
      socket.once("error", reject);
    });
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    await server.close();
    expect(await closed).toBe(1001);
  });
});
