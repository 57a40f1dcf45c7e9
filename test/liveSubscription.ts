import type { Client } from "graphql-ws";
import { listenInput, recordListens } from "./factories/listen.factory.js";
import type { TestServer } from "./testServer.js";

/** What a subscription delivered: a result, its completion, or the error that ended it (e.g. a CloseEvent). */
export type Delivery = { kind: "next"; value: any } | { kind: "complete" } | { kind: "error"; error: any };

export const LIVE_PLAYS = `subscription ($username: String) { livePlays(username: $username) { id source track { title } user { username } } }`;

/** A subscription whose deliveries are read one at a time, in order. */
export function subscribe(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const buffered: Delivery[] = [];
  const waiting: ((delivery: Delivery) => void)[] = [];
  const push = (delivery: Delivery) => {
    const resolve = waiting.shift();
    if (resolve) resolve(delivery);
    else buffered.push(delivery);
  };
  const dispose = client.subscribe(
    { query, variables },
    { next: (value) => push({ kind: "next", value }), complete: () => push({ kind: "complete" }), error: (error) => push({ kind: "error", error }) },
  );
  return {
    next: (): Promise<Delivery> => (buffered.length > 0 ? Promise.resolve(buffered.shift()!) : new Promise((resolve) => waiting.push(resolve))),
    dispose,
  };
}

export type Subscription = ReturnType<typeof subscribe>;

/**
 * A client cannot tell when the server has subscribed, so: record probe listens until each of
 * `subscriptions` (all following `owner`) has received one. Events keep their order, so every
 * probe recorded after the first one a subscription received reaches it too; those are read
 * here, leaving every subscription with nothing pending.
 */
export async function untilLive(
  server: TestServer,
  subscriptions: Subscription | Subscription[],
  owner: { token?: string; authorization?: string },
): Promise<void> {
  const waiting = new Map((Array.isArray(subscriptions) ? subscriptions : [subscriptions]).map((sub) => [sub, sub.next()]));
  const firstProbe = new Map<Subscription, number>();
  const tag = Math.random().toString(36).slice(2, 8);
  for (let probe = 0; probe < 50; probe += 1) {
    const input = listenInput(probe, { trackTitle: `Probe ${tag} ${probe}`, playedAt: new Date(Date.now() - probe * 1000).toISOString() });
    await recordListens(server, owner, [input]);
    for (const [sub, pending] of waiting) {
      const delivery = await Promise.race([pending, new Promise<null>((resolve) => setTimeout(() => resolve(null), 200))]);
      if (delivery === null) continue;
      if (delivery.kind !== "next") throw new Error(`subscription ended while probing: ${JSON.stringify(delivery)}`);
      firstProbe.set(sub, Number(/Probe \S+ (\d+)/.exec(delivery.value.data.livePlays.track.title)![1]));
      waiting.delete(sub);
    }
    if (waiting.size === 0) {
      for (const [sub, first] of firstProbe) for (let later = first + 1; later <= probe; later += 1) await sub.next();
      return;
    }
  }
  throw new Error("subscription never became live");
}
