import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../../test/testServer.js";

describe("ListenBrainz API rate limit", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ LISTENBRAINZ_RATE_LIMIT: "2", LISTENBRAINZ_RATE_WINDOW_SECONDS: "600" });
  });
  afterAll(async () => {
    await server.close();
  });

  const validate = (token: string) => fetch(`${server.url}/1/validate-token`, { headers: { authorization: `Token ${token}` } });

  it("counts requests per token and answers 429 with the X-RateLimit headers beyond the limit", async () => {
    const first = await validate("tnrm_first");
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-limit")).toBe("2");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("1");
    expect((await validate("tnrm_first")).headers.get("x-ratelimit-remaining")).toBe("0");

    const limited = await validate("tnrm_first");
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({
      code: 429,
      error: "You have exceeded your rate limit. See the X-RateLimit-* response headers for more information on your current rate limit.",
    });
    expect(limited.headers.get("x-ratelimit-limit")).toBe("2");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    const resetIn = Number(limited.headers.get("x-ratelimit-reset-in"));
    expect(resetIn).toBeGreaterThan(0);
    expect(resetIn).toBeLessThanOrEqual(600);

    // Another token has its own budget.
    expect((await validate("tnrm_second")).status).toBe(200);
  });
});
