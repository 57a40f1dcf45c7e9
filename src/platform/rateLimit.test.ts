import { describe, expect, it } from "vitest";
import { createMemoryAttemptLimiter } from "./rateLimit.js";

describe("createMemoryAttemptLimiter", () => {
  it("allows `attempts` hits, then reports seconds to wait; reset clears it; keys are independent", async () => {
    const limiter = createMemoryAttemptLimiter({ attempts: 3, windowSeconds: 60 });
    for (let i = 0; i < 3; i++) {
      expect(await limiter.retryAfter("a")).toBe(0);
      await limiter.hit("a");
    }
    const wait = await limiter.retryAfter("a");
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await limiter.retryAfter("b")).toBe(0);
    await limiter.reset("a");
    expect(await limiter.retryAfter("a")).toBe(0);
  });
});
