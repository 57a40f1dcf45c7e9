import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listens } from "../../db/schema.js";
import { listenInput, RECORD_LISTENS, recordListens } from "../../../test/factories/listen.factory.js";
import { signUpUser, type TestUser } from "../../../test/factories/user.factory.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";
import { parseGlobalId } from "../../platform/globalId.js";

const HISTORY = /* GraphQL */ `
  query History($filter: HistoryFilter) {
    history(first: 100, filter: $filter) { totalCount edges { node { id playedAt msPlayed counted source skipped platform } } }
  }
`;

describe("recording listens", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  const storedCount = async (user: TestUser) => {
    const userId = parseGlobalId(user.user.id)!.key;
    const [row] = await server.database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(listens)
      .where(eq(listens.userId, userId));
    return Number(row!.count);
  };

  it("stores listens and reads them back newest first, MANUAL for a session, skipped unknown", async () => {
    const alice = await signUpUser(server);
    const inputs = [listenInput(3), listenInput(1, { platform: " web " }), listenInput(2, { msPlayed: undefined })];
    const payload = await recordListens(server, alice, inputs);
    expect(payload.inserted).toBe(3);
    expect(payload.duplicates).toBe(0);
    expect(payload.listens.map((listen) => listen.playedAt)).toEqual(inputs.map((input) => input.playedAt));
    expect(payload.listens[1]).toMatchObject({ source: "MANUAL", skipped: null, platform: "web", counted: true });
    expect(payload.listens[2]).toMatchObject({ msPlayed: null, counted: true });

    const history = await server.graphql(HISTORY, {}, alice);
    expect(history.errors).toBeUndefined();
    const nodes = history.data!.history.edges.map((edge: any) => edge.node);
    expect(nodes.map((node: any) => node.id)).toEqual([payload.listens[1]!.id, payload.listens[2]!.id, payload.listens[0]!.id]);
    expect(history.data!.history.totalCount).toBe(3);
  });

  it("is idempotent: the same call twice reports duplicates and stores nothing new", async () => {
    const alice = await signUpUser(server);
    const inputs = [listenInput(1), listenInput(2), listenInput(3)];
    const first = await recordListens(server, alice, inputs);
    const second = await recordListens(server, alice, inputs);
    expect(second).toMatchObject({ inserted: 0, duplicates: 3 });
    expect(second.listens.map((listen) => listen.id)).toEqual(first.listens.map((listen) => listen.id));
    expect(await storedCount(alice)).toBe(3);
  });

  it("counts a repeat inside one call once as inserted, then as a duplicate", async () => {
    const alice = await signUpUser(server);
    const payload = await recordListens(server, alice, [listenInput(1), listenInput(2), listenInput(1, { trackTitle: " Track 1 " })]);
    expect(payload).toMatchObject({ inserted: 2, duplicates: 1 });
    expect(payload.listens[2]!.id).toBe(payload.listens[0]!.id);
    expect(await storedCount(alice)).toBe(2);
  });

  it("stores half an emoji (a lone surrogate in the JSON variables) as U+FFFD instead of failing", async () => {
    const alice = await signUpUser(server);
    const body = `{"query":"mutation($input: RecordListenInput!) { recordListen(input: $input) { track { title artists { name } album { title } } } }","variables":{"input":{"trackTitle":"Half \\ud83d","artistName":"\\ude00 Band","albumTitle":"LP \\ud83d"}}}`;
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${alice.token}` },
      body,
    });
    const result = (await response.json()) as { data?: { recordListen: unknown }; errors?: unknown };
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordListen).toEqual({ track: { title: "Half \ufffd", artists: [{ name: "\ufffd Band" }], album: { title: "LP \ufffd" } } });
  });

  it("recordListen returns the stored listen, and the existing one for an exact repeat", async () => {
    const alice = await signUpUser(server);
    const mutation = `mutation($input: RecordListenInput!) { recordListen(input: $input) { id msPlayed } }`;
    const first = await server.graphql(mutation, { input: listenInput(1) }, alice);
    const again = await server.graphql(mutation, { input: listenInput(1, { msPlayed: 1 }) }, alice);
    expect(first.errors).toBeUndefined();
    expect(again.data!.recordListen).toEqual(first.data!.recordListen);
    expect(await storedCount(alice)).toBe(1);
  });

  it("refuses more than 1000 inputs and stores nothing", async () => {
    const alice = await signUpUser(server);
    const inputs = Array.from({ length: 1001 }, (_, n) => listenInput(n));
    const response = await server.graphql(RECORD_LISTENS, { inputs }, alice);
    expect(response.errors?.[0]).toMatchObject({
      message: "inputs: at most 1000 listens per call",
      extensions: { code: "BAD_USER_INPUT", field: "inputs" },
    });
    expect(await storedCount(alice)).toBe(0);
  });

  it("stores nothing when one input among many is invalid, and names it", async () => {
    const alice = await signUpUser(server);
    const inputs = Array.from({ length: 50 }, (_, n) => listenInput(n));
    inputs[37] = listenInput(37, { trackTitle: "   " });
    const response = await server.graphql(RECORD_LISTENS, { inputs }, alice);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "inputs[37].trackTitle" });
    expect(await storedCount(alice)).toBe(0);
  });

  it("refuses a playedAt in the future", async () => {
    const alice = await signUpUser(server);
    const future = new Date(Date.now() + 10 * 60_000).toISOString();
    const response = await server.graphql(
      `mutation($input: RecordListenInput!) { recordListen(input: $input) { id } }`,
      { input: listenInput(1, { playedAt: future }) },
      alice,
    );
    expect(response.errors?.[0]).toMatchObject({
      message: "input.playedAt: is in the future",
      extensions: { code: "BAD_USER_INPUT", field: "input.playedAt" },
    });
    expect(await storedCount(alice)).toBe(0);
  });

  it("sets counted by the counting rule; history leaves uncounted plays out unless asked", async () => {
    const alice = await signUpUser(server);
    const payload = await recordListens(server, alice, [
      listenInput(1, { msPlayed: 30_000 }),
      listenInput(2, { msPlayed: 29_999 }),
      listenInput(3, { msPlayed: 20_000, durationMs: 20_000 }),
      listenInput(4, { msPlayed: 10_000, durationMs: 20_000 }),
      listenInput(5, { msPlayed: undefined }),
      listenInput(6, { msPlayed: 0 }),
    ]);
    expect(payload.listens.map((listen) => listen.counted)).toEqual([true, false, true, false, true, false]);
    const counted = await server.graphql(HISTORY, {}, alice);
    expect(counted.data!.history.totalCount).toBe(3);
    const all = await server.graphql(HISTORY, { filter: { includeUncounted: true } }, alice);
    expect(all.data!.history.totalCount).toBe(6);
  });

  it("records as SCROBBLE_API when authenticated by an API token", async () => {
    const alice = await signUpUser(server);
    const created = await server.graphql(`mutation { createApiToken(name: "scrobbler") { token } }`, {}, alice);
    expect(created.errors).toBeUndefined();
    const payload = await recordListens(server, { authorization: `Token ${created.data!.createApiToken.token}` }, [listenInput(1)]);
    expect(payload.listens[0]!.source).toBe("SCROBBLE_API");
  });

  it("needs a viewer", async () => {
    const response = await server.graphql(RECORD_LISTENS, { inputs: [listenInput(1)] });
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const history = await server.graphql(`{ history { totalCount } }`);
    expect(history.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
