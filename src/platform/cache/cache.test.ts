import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../logger.js";
import { createCache, createDisabledCache } from "./cache.js";
import type { CacheStore } from "./cacheStore.js";
import { createMemoryStore } from "./memoryStore.js";

function recordingLogger() {
  const logger = createLogger("silent");
  const warn = vi.spyOn(logger, "warn");
  const info = vi.spyOn(logger, "info");
  return { logger, warn, info };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("cache over the in-process LRU", () => {
  it("stores JSON values and reads them back until they expire", async () => {
    vi.useFakeTimers();
    const cache = createCache(createMemoryStore({ clock: Date }), { logger: createLogger("silent") });
    await cache.set("a", { n: 1, at: new Date("2026-01-02T03:04:05Z") }, 1_000);
    // JSON on every backend: a Date comes back as its ISO string.
    expect(await cache.get("a")).toEqual({ n: 1, at: "2026-01-02T03:04:05.000Z" });
    vi.advanceTimersByTime(1_001);
    expect(await cache.get("a")).toBeUndefined();
  });

  it("computes on a miss, answers later lookups from the store, and counts both", async () => {
    const cache = createCache(createMemoryStore(), { logger: createLogger("silent") });
    const compute = vi.fn(async () => [1, 2, 3]);
    expect(await cache.getOrCompute("k", 60_000, compute)).toEqual([1, 2, 3]);
    expect(await cache.getOrCompute("k", 60_000, compute)).toEqual([1, 2, 3]);
    expect(await cache.getOrCompute("k", 60_000, compute)).toEqual([1, 2, 3]);
    expect(compute).toHaveBeenCalledTimes(1);
    // A lookup right after the miss may join the flight that is still storing the value.
    const { hits, coalesced, misses, hitRate } = cache.stats();
    expect([hits + coalesced, misses, hitRate]).toEqual([2, 1, 2 / 3]);
  });

  it("runs one computation for N concurrent misses of one key (single-flight)", async () => {
    const cache = createCache(createMemoryStore(), { logger: createLogger("silent") });
    const gate = deferred<number>();
    const compute = vi.fn(() => gate.promise);
    const callers = Array.from({ length: 20 }, () => cache.getOrCompute("same", 60_000, compute));
    gate.resolve(42);
    expect(await Promise.all(callers)).toEqual(Array(20).fill(42));
    expect(compute).toHaveBeenCalledTimes(1);
    expect(cache.stats()).toMatchObject({ misses: 1, coalesced: 19 });
  });

  it("keeps different keys apart", async () => {
    const cache = createCache(createMemoryStore(), { logger: createLogger("silent") });
    const [a, b] = await Promise.all([
      cache.getOrCompute("a", 60_000, async () => "A"),
      cache.getOrCompute("b", 60_000, async () => "B"),
    ]);
    expect([a, b]).toEqual(["A", "B"]);
  });

  it("does not store a failed computation: every waiter sees the error, the next lookup computes again", async () => {
    const cache = createCache(createMemoryStore(), { logger: createLogger("silent") });
    const failing = vi.fn(async () => {
      throw new Error("database down");
    });
    const results = await Promise.allSettled([
      cache.getOrCompute("k", 60_000, failing),
      cache.getOrCompute("k", 60_000, failing),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(failing).toHaveBeenCalledTimes(1);
    expect(await cache.getOrCompute("k", 60_000, async () => "ok")).toBe("ok");
  });

  it("evicts the least recently used values beyond its size", async () => {
    const cache = createCache(createMemoryStore({ maxChars: 100 }), { logger: createLogger("silent") });
    await cache.set("old", "x".repeat(40), 60_000);
    await cache.set("new", "y".repeat(40), 60_000);
    await cache.set("newer", "z".repeat(40), 60_000);
    expect(await cache.get("old")).toBeUndefined();
    expect(await cache.get("newer")).toBe("z".repeat(40));
  });
});

describe("fail-open", () => {
  const brokenStore: CacheStore = {
    get: async () => {
      throw new Error("connection refused");
    },
    set: async () => {
      throw new Error("connection refused");
    },
  };

  it("computes when the store errs, and logs once per incident", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { logger, warn, info } = recordingLogger();
    let broken = true;
    const memory = createMemoryStore();
    const store: CacheStore = {
      get: (key) => (broken ? brokenStore.get(key) : memory.get(key)),
      set: (key, value, ttl) => (broken ? brokenStore.set(key, value, ttl) : memory.set(key, value, ttl)),
    };
    const cache = createCache(store, { logger });
    for (let i = 0; i < 5; i++) expect(await cache.getOrCompute(`k${i}`, 60_000, async () => i)).toBe(i);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(cache.stats()).toMatchObject({ misses: 5 });
    expect(cache.stats().errors).toBeGreaterThanOrEqual(5); // every read, and the writes settled so far

    broken = false;
    expect(await cache.getOrCompute("k", 60_000, async () => "fresh")).toBe("fresh");
    expect(await cache.getOrCompute("k", 60_000, async () => "unused")).toBe("fresh");
    expect(info).toHaveBeenCalledTimes(1); // recovery logged once

    broken = true; // a new incident within the minute is not logged again (a flapping store)
    await cache.getOrCompute("other", 60_000, async () => 0);
    expect(warn).toHaveBeenCalledTimes(1);
    vi.setSystemTime(Date.now() + 60_000); // a minute later it is
    broken = false;
    await cache.getOrCompute("again", 60_000, async () => 0);
    broken = true;
    await cache.getOrCompute("later", 60_000, async () => 0);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it("abandons a store that does not answer within the budget and computes instead", async () => {
    vi.useFakeTimers();
    const hanging: CacheStore = { get: () => new Promise(() => {}), set: () => new Promise(() => {}) };
    const cache = createCache(hanging, { logger: createLogger("silent"), budgetMs: 100 });
    let settled: unknown;
    void cache.getOrCompute("k", 60_000, async () => "from db").then((value) => (settled = value));
    await vi.advanceTimersByTimeAsync(99);
    expect(settled).toBeUndefined();
    // The read is given up after 100 ms; storing the computed value happens after the answer.
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe("from db");
    expect(cache.stats().errors).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(cache.stats().errors).toBe(2);
  });
});

describe("disabled cache", () => {
  it("computes every lookup and stores nothing", async () => {
    const cache = createDisabledCache();
    const compute = vi.fn(async () => 1);
    await cache.getOrCompute("k", 60_000, compute);
    await cache.getOrCompute("k", 60_000, compute);
    await cache.set("k", 1, 60_000);
    expect(await cache.get("k")).toBeUndefined();
    expect(compute).toHaveBeenCalledTimes(2);
    expect(cache.enabled).toBe(false);
    expect(cache.stats()).toMatchObject({ hits: 0, misses: 2, hitRate: 0 });
  });
});
