import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";
import { createMemoryPubSub, createRedisPubSub, type PubSub } from "./pubsub.js";
import { connectRedis, type Redis } from "./redis.js";

const logger = createLogger("silent");

/** Reads an iterator; `poll` answers "nothing" once everything published so far was delivered, keeping its next() pending. */
function reader<T>(iterator: AsyncIterableIterator<T>, settle: () => Promise<void>) {
  let pending: Promise<IteratorResult<T>> | null = null;
  const take = () => {
    const next = pending ?? iterator.next();
    pending = null;
    return next;
  };
  return {
    iterator,
    next: take,
    async poll(): Promise<IteratorResult<T> | "nothing"> {
      pending ??= iterator.next();
      await settle();
      const result = await Promise.race([pending, settle().then(() => "nothing" as const)]);
      if (result !== "nothing") pending = null;
      return result;
    },
  };
}

type Setup = { name: string; create(): Promise<{ a: PubSub; b: PubSub; settle(): Promise<void>; close(): Promise<void> }> };

const setups: Setup[] = [
  {
    name: "in-process",
    async create() {
      const pubsub = createMemoryPubSub();
      // Memory delivery is synchronous inside publish(): one macrotask is enough to settle.
      const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
      return { a: pubsub, b: pubsub, settle, close: () => pubsub.close() };
    },
  },
];

const redisUrl = process.env.REDIS_URL;
if (redisUrl) {
  setups.push({
    name: "Redis, two instances",
    async create() {
      const prefix = `test:${randomBytes(6).toString("hex")}:`;
      const connections: Redis[] = [connectRedis(redisUrl, logger, prefix), connectRedis(redisUrl, logger, prefix)];
      await Promise.all(connections.map((redis) => (redis.status === "ready" ? null : once(redis, "ready"))));
      const [a, b] = connections.map((redis) => createRedisPubSub(redis, prefix, logger)) as [PubSub, PubSub];
      // A round trip through Redis (PING on the publishing connection) after a publish lets its
      // message reach every subscriber connection first: Redis answers commands in order.
      const settle = async () => {
        await connections[0]!.ping();
        await connections[1]!.ping();
        await new Promise<void>((resolve) => setTimeout(resolve, 20));
      };
      return {
        a,
        b,
        settle,
        async close() {
          await a.close();
          await b.close();
          for (const redis of connections) redis.disconnect();
        },
      };
    },
  });
}

describe.each(setups)("pub/sub: $name", (setup) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });
  const create = async () => {
    const created = await setup.create();
    cleanups.push(created.close);
    return created;
  };

  /** Subscribes and waits until the subscription is live (Redis SUBSCRIBE is asynchronous). */
  async function liveSubscription<T>(subscriber: PubSub, publisher: PubSub, topic: string, settle: () => Promise<void>) {
    const read = reader(subscriber.subscribe<T>(topic), settle);
    for (let probe = 0; ; probe += 1) {
      await publisher.publish(topic, { probe });
      const result = await read.poll();
      if (result !== "nothing") {
        // Later probes may be queued: drain them.
        for (let later = (result.value as { probe: number }).probe + 1; later <= probe; later += 1) await read.next();
        return read;
      }
      if (probe > 100) throw new Error("subscription never became live");
    }
  }

  it("delivers payloads in publish order, as JSON copies, across instances", async () => {
    const { a, b, settle } = await create();
    const topic = `order-${randomBytes(4).toString("hex")}`;
    const read = await liveSubscription<{ n: number; at?: unknown }>(b, a, topic, settle);
    const date = new Date("2026-01-01T00:00:00Z");
    for (let n = 0; n < 20; n += 1) await a.publish(topic, { n, at: date });
    const received = [];
    for (let n = 0; n < 20; n += 1) received.push((await read.next()).value);
    expect(received.map((value) => value.n)).toEqual([...Array(20).keys()]);
    expect(received[0]!.at).toBe("2026-01-01T00:00:00.000Z"); // no shared objects, no Dates
    await read.iterator.return!();
  });

  it("return() ends the iterator, resolves a pending next(), and stops delivery", async () => {
    const { a, b, settle } = await create();
    const topic = `stop-${randomBytes(4).toString("hex")}`;
    const read = await liveSubscription<{ n: number }>(b, a, topic, settle);
    const pending = read.next();
    expect(await read.iterator.return!()).toEqual({ value: undefined, done: true });
    expect(await pending).toEqual({ value: undefined, done: true });
    await a.publish(topic, { n: 1 });
    await settle();
    expect(await read.next()).toEqual({ value: undefined, done: true });
  });

  it("topics are separate, and every subscriber of a topic gets every event", async () => {
    const { a, b, settle } = await create();
    const topic = `fan-${randomBytes(4).toString("hex")}`;
    const first = await liveSubscription<{ n: number }>(b, a, topic, settle);
    const second = await liveSubscription<{ n: number }>(a, a, topic, settle);
    const other = reader(b.subscribe<{ n: number }>(`${topic}-other`), settle);
    await a.publish(topic, { n: 7 });
    // The second subscription's probes reached the first one too, before n: 7.
    let value: { n?: number; probe?: number };
    do value = (await first.next()).value;
    while (value.probe !== undefined);
    expect(value).toEqual({ n: 7 });
    expect((await second.next()).value).toEqual({ n: 7 });
    expect(await other.poll()).toBe("nothing");
    for (const read of [first, second, other]) await read.iterator.return!();
  });
});
