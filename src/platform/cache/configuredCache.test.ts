import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { createConfiguredCache } from "./configuredCache.js";

describe("STATS_CACHE", () => {
  it("is on by default, off on request, and names itself when invalid", () => {
    expect(loadConfig({}).statsCache).toBe(true);
    expect(loadConfig({ STATS_CACHE: "off" }).statsCache).toBe(false);
    expect(() => loadConfig({ STATS_CACHE: "maybe" })).toThrow(ConfigError);
    expect(() => loadConfig({ STATS_CACHE: "maybe" })).toThrow(/STATS_CACHE/);
  });

  it("builds an in-process cache without Redis, and a disabled one when off", async () => {
    const logger = createLogger("silent");
    const memory = createConfiguredCache({ enabled: true, redis: null, logger });
    await memory.getOrCompute("k", 60_000, async () => 1);
    expect(await memory.get("k")).toBe(1);
    const off = createConfiguredCache({ enabled: false, redis: null, logger });
    expect(off.enabled).toBe(false);
  });
});
