import type { LiveListensEvent, LivePlay } from "./live.topics.js";

/**
 * One LivePlay per listen id of the events, while `stillVisible` (checked on each event) holds;
 * then the stream ends, which completes the subscription. A hand-written iterator rather than an
 * async generator: a generator suspended in `await events.next()` would queue `return()` until
 * the next event, leaking the pub/sub subscription of a client that left.
 */
export function liveStream(
  events: AsyncIterableIterator<LiveListensEvent>,
  stillVisible: () => Promise<boolean>,
): AsyncIterableIterator<LivePlay> {
  const pending: number[] = [];
  const end = async (): Promise<IteratorResult<LivePlay>> => {
    await events.return?.();
    return { value: undefined, done: true };
  };
  const iterator: AsyncIterableIterator<LivePlay> = {
    async next() {
      while (pending.length === 0) {
        const result = await events.next();
        if (result.done) return { value: undefined, done: true };
        if (!(await stillVisible())) return end();
        pending.push(...result.value.listenIds);
      }
      return { value: { listenId: pending.shift()! }, done: false };
    },
    return: end,
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
