import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenInput, recordListens } from "../../../test/factories/listen.factory.js";
import { signUpUser } from "../../../test/factories/user.factory.js";
import { LIVE_PLAYS, subscribe, untilLive } from "../../../test/liveSubscription.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";

type Variant = { name: string; redis: boolean };

const variants: Variant[] = [
  // One instance: pub/sub in-process (Redis forced off).
  { name: "one instance, in-process pub/sub", redis: false },
  // Two instances over one database and one Redis, as in a scaled-out deployment.
  { name: "two instances sharing Redis", redis: true },
];

describe.each(variants)("livePlays across instances: $name", ({ redis }) => {
  let publisher: TestServer;
  let subscriber: TestServer;

  beforeAll(async () => {
    if (!redis) {
      publisher = await startTestServer({ REDIS_URL: "" });
      subscriber = publisher;
      return;
    }
    const prefix = `test:${randomBytes(6).toString("hex")}:`;
    publisher = await startTestServer({ REDIS_KEY_PREFIX: prefix });
    subscriber = await startTestServer({ REDIS_KEY_PREFIX: prefix }, { database: publisher.database });
  });
  afterAll(async () => {
    if (subscriber && subscriber !== publisher) await subscriber.close();
    await publisher?.close();
  });

  it.skipIf(redis && !process.env.REDIS_URL)("a listen recorded through one instance reaches a subscriber of the other; sign-out there ends it", async () => {
    const user = await signUpUser(publisher);
    const live = subscribe(subscriber.wsClient({ authorization: `Bearer ${user.token}` }), LIVE_PLAYS);
    await untilLive(publisher, live, { token: user.token });

    const stored = await recordListens(publisher, { token: user.token }, [listenInput(1, { trackTitle: "Across" })]);
    expect(await live.next()).toMatchObject({
      kind: "next",
      value: { data: { livePlays: { id: stored.listens[0]!.id, track: { title: "Across" }, user: { username: user.username } } } },
    });

    expect((await publisher.graphql(`mutation { signOut }`, {}, { token: user.token })).data).toEqual({ signOut: true });
    expect(await live.next()).toMatchObject({ kind: "error", error: { code: 4401 } });
  });
});
