import { EventEmitter } from "node:events";
import type { Logger } from "./logger.js";
import type { Redis } from "./redis.js";

/**
 * Topic-based publish/subscribe for subscriptions. Payloads are plain JSON (ids and numbers,
 * never Dates or rows): subscribers load what they show with fresh per-event loaders.
 * In-process without Redis; with Redis, every instance sharing it sees every event.
 */
export interface PubSub {
  publish(topic: string, payload: unknown): Promise<void>;
  /** Payloads published on `topic` from now on, until the iterator's `return()` is called. */
  subscribe<T>(topic: string): AsyncIterableIterator<T>;
  close(): Promise<void>;
}

/** Buffers events for one subscriber between `next()` calls. */
function subscriberQueue<T>(onClose: () => void): { push(value: T): void; iterator: AsyncIterableIterator<T> } {
  const buffered: T[] = [];
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  let done = false;
  const finish = (): IteratorResult<T> => {
    if (!done) {
      done = true;
      onClose();
      for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
    }
    return { value: undefined, done: true };
  };
  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (buffered.length > 0) return Promise.resolve({ value: buffered.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => waiting.push(resolve));
    },
    return() {
      return Promise.resolve(finish());
    },
    throw(error?: unknown) {
      finish();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return {
    push(value) {
      if (done) return;
      const resolve = waiting.shift();
      if (resolve) resolve({ value, done: false });
      else buffered.push(value);
    },
    iterator,
  };
}

export function createMemoryPubSub(): PubSub {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(topic, payload) {
      // A copy through JSON, so in-process behaves exactly like Redis (no shared objects, no Dates).
      emitter.emit(topic, JSON.parse(JSON.stringify(payload)));
    },
    subscribe<T>(topic: string) {
      const listener = (payload: T) => queue.push(payload);
      const queue = subscriberQueue<T>(() => emitter.off(topic, listener));
      emitter.on(topic, listener);
      return queue.iterator;
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/**
 * Redis pub/sub: one extra connection in subscriber mode for this instance; channels are
 * subscribed while at least one local subscriber listens.
 */
export function createRedisPubSub(redis: Redis, keyPrefix: string, logger: Logger): PubSub {
  const subscriber = redis.duplicate({ enableOfflineQueue: true, commandTimeout: undefined });
  subscriber.on("error", () => {}); // the main connection logs outages
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const counts = new Map<string, number>();
  const channel = (topic: string) => `${keyPrefix}pubsub:${topic}`;

  // ioredis replays only the subscriptions Redis confirmed; one still in flight when the
  // connection dropped (e.g. connectTimeout while startup blocks the event loop) would be lost.
  // SUBSCRIBE is idempotent, so every (re)connect subscribes to every channel with listeners.
  subscriber.on("ready", () => {
    if (counts.size > 0) void subscriber.subscribe(...counts.keys()).catch(() => {});
  });
  subscriber.on("message", (name: string, message: string) => {
    try {
      local.emit(name, JSON.parse(message));
    } catch (error) {
      logger.warn({ err: error, channel: name }, "dropped a malformed pub/sub message");
    }
  });

  return {
    async publish(topic, payload) {
      // keyPrefix does not apply to channel names in ioredis, so the channel carries it.
      await redis.publish(channel(topic), JSON.stringify(payload));
    },
    subscribe<T>(topic: string) {
      const name = channel(topic);
      const listener = (payload: T) => queue.push(payload);
      const queue = subscriberQueue<T>(() => {
        local.off(name, listener);
        const left = (counts.get(name) ?? 1) - 1;
        if (left === 0) {
          counts.delete(name);
          void subscriber.unsubscribe(name).catch(() => {});
        } else counts.set(name, left);
      });
      local.on(name, listener);
      const count = (counts.get(name) ?? 0) + 1;
      counts.set(name, count);
      if (count === 1) void subscriber.subscribe(name).catch((error: unknown) => logger.warn({ err: error }, "redis subscribe failed"));
      return queue.iterator;
    },
    async close() {
      local.removeAllListeners();
      subscriber.disconnect();
    },
  };
}
