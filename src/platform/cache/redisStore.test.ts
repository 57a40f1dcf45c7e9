import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closedPort, hasRedisServer, type RedisServer, startRedisServer } from "../../../test/redisServer.js";
import { createLogger } from "../logger.js";
import { connectRedis, type Redis } from "../redis.js";
import { createCache } from "./cache.js";
import { createRedisStore } from "./redisStore.js";

const logger = createLogger("silent");

describe.skipIf(!hasRedisServer())("cache over Redis", () => {
  let server: RedisServer;
  const connections: Redis[] = [];
  const connect = (url: string) => {
    const redis = connectRedis(url, logger, "cache-test:");
    connections.push(redis);
    return redis;
  };
  const ready = (redis: Redis) => (redis.status === "ready" ? Promise.resolve() : new Promise((resolve) => redis.once("ready", resolve)));

  beforeAll(async () => {
    server = await startRedisServer();
  });

  afterAll(async () => {
    for (const redis of connections) redis.disconnect();
    await server?.kill();
  });

  it("shares values between two caches (two instances) and expires them", async () => {
    const [one, two] = [connect(server.url), connect(server.url)];
    await Promise.all([ready(one), ready(two)]);
    const first = createCache(createRedisStore(one), { logger });
    const second = createCache(createRedisStore(two), { logger });
    expect(await first.getOrCompute("shared", 60_000, async () => ({ listens: 3 }))).toEqual({ listens: 3 });
    const compute = vi.fn(async () => ({ listens: -1 }));
    expect(await second.getOrCompute("shared", 60_000, compute)).toEqual({ listens: 3 });
    expect(compute).not.toHaveBeenCalled();
    expect(second.stats()).toMatchObject({ hits: 1, misses: 0 });

    await first.set("short", 1, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await second.get("short")).toBeUndefined();
  });

  it("computes once for concurrent misses of one key", async () => {
    const redis = connect(server.url);
    await ready(redis);
    const cache = createCache(createRedisStore(redis), { logger });
    const compute = vi.fn(async () => "value");
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.getOrCompute("flight", 60_000, compute)));
    expect(results).toEqual(Array(10).fill("value"));
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it("fails open when Redis goes away mid-run, logging the incident once", async () => {
    const own = await startRedisServer();
    const warnings = createLogger("silent");
    const warn = vi.spyOn(warnings, "warn");
    const redis = connectRedis(own.url, createLogger("silent"), "cache-test:");
    connections.push(redis);
    await ready(redis);
    const cache = createCache(createRedisStore(redis), { logger: warnings });
    await cache.getOrCompute("k", 60_000, async () => "cached");
    expect(await cache.getOrCompute("k", 60_000, async () => "unused")).toBe("cached");

    await own.kill();
    for (let i = 0; i < 5; i++) expect(await cache.getOrCompute(`down${i}`, 60_000, async () => i)).toBe(i);
    expect(cache.stats().errors).toBeGreaterThanOrEqual(5);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("fails open against a port nothing listens on", async () => {
    const redis = connect(`redis://127.0.0.1:${await closedPort()}`);
    const cache = createCache(createRedisStore(redis), { logger });
    expect(await cache.getOrCompute("k", 60_000, async () => "from db")).toBe("from db");
    expect(cache.stats().errors).toBeGreaterThanOrEqual(1);
  });
});
