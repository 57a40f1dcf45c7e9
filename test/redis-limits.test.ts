import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGN_IN_ATTEMPTS } from "../src/modules/auth/signIn.limiter.js";
import { startTestServer, type TestServer } from "./testServer.js";

const SIGN_IN = `mutation($login: String!) { signIn(input: { login: $login, password: "not the password" }) { token } }`;

describe.skipIf(!process.env.REDIS_URL)("rate limits shared through Redis", () => {
  const prefix = `test:${randomBytes(6).toString("hex")}:`;
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    [a, b] = await Promise.all([
      startTestServer({ REDIS_KEY_PREFIX: prefix }),
      startTestServer({ REDIS_KEY_PREFIX: prefix }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it("failed sign-ins counted on one instance limit the other", async () => {
    const login = `ghost_${randomBytes(4).toString("hex")}`;
    for (let i = 0; i < SIGN_IN_ATTEMPTS; i++) {
      const response = await a.graphql(SIGN_IN, { login });
      expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
    const limited = await b.graphql(SIGN_IN, { login });
    expect(limited.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(limited.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
  });
});

describe("Redis unreachable", () => {
  let server: TestServer;
  beforeAll(async () => {
    // Nothing listens on port 1: every Redis command fails at once.
    server = await startTestServer({ REDIS_URL: "redis://127.0.0.1:1" });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("sign-in still answers (limits fall back to in-process) without waiting on Redis", async () => {
    const started = performance.now();
    const response = await server.graphql(SIGN_IN, { login: "nobody_here" });
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
