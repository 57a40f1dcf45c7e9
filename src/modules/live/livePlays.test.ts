import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../../test/factories/apiToken.factory.js";
import { listenInput, recordListens } from "../../../test/factories/listen.factory.js";
import { signUpUser, type TestUser } from "../../../test/factories/user.factory.js";
import { LIVE_PLAYS, subscribe, untilLive } from "../../../test/liveSubscription.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";

const SET_VISIBILITY = `mutation ($visibility: Visibility!) { updateProfile(input: { visibility: $visibility }) { visibility } }`;
const SIGN_IN = `mutation ($input: SignInInput!) { signIn(input: $input) { token } }`;
const SIGN_OUT = `mutation { signOut }`;
const SIGN_OUT_EVERYWHERE = `mutation { signOutEverywhere }`;

describe("livePlays subscription", () => {
  let server: TestServer;
  beforeAll(async () => {
    // Uploads (the import test) land under DATA_DIR: a folder of this file's own.
    server = await startTestServer({ DATA_DIR: mkdtempSync(join(tmpdir(), "tonearm-live-")) });
  });
  afterAll(async () => {
    await server.close();
  });

  const bearer = (user: TestUser) => ({ authorization: `Bearer ${user.token}` });
  async function setVisibility(user: TestUser, visibility: "PUBLIC" | "PRIVATE") {
    expect((await server.graphql(SET_VISIBILITY, { visibility }, { token: user.token })).errors).toBeUndefined();
  }
  async function submitListenBrainz(apiToken: string, title: string) {
    const response = await fetch(`${server.url}/1/submit-listens`, {
      method: "POST",
      headers: { authorization: `Token ${apiToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        listen_type: "single",
        payload: [{ listened_at: Math.floor(Date.now() / 1000) - 30, track_metadata: { artist_name: "LB Artist", track_name: title } }],
      }),
    });
    expect(response.status).toBe(200);
  }

  it("delivers the viewer's new listens from GraphQL and from the ListenBrainz API, not duplicates", async () => {
    const user = await signUpUser(server);
    const apiToken = await createApiToken(server, user.token);
    const live = subscribe(server.wsClient(bearer(user)), LIVE_PLAYS);
    await untilLive(server, live, { token: user.token });

    const stored = await recordListens(server, { token: user.token }, [listenInput(1, { trackTitle: "From GraphQL" })]);
    const event = await live.next();
    expect(event).toMatchObject({
      kind: "next",
      value: { data: { livePlays: { id: stored.listens[0]!.id, source: "MANUAL", track: { title: "From GraphQL" }, user: { username: user.username } } } },
    });

    // A repeat stores nothing new and so announces nothing: the next event is the ListenBrainz listen.
    await recordListens(server, { token: user.token }, [listenInput(1, { trackTitle: "From GraphQL" })]);
    await submitListenBrainz(apiToken, "From ListenBrainz");
    expect(await live.next()).toMatchObject({
      kind: "next",
      value: { data: { livePlays: { source: "SCROBBLE_API", track: { title: "From ListenBrainz" } } } },
    });

    // playing_now is not a listen either.
    await fetch(`${server.url}/1/submit-listens`, {
      method: "POST",
      headers: { authorization: `Token ${apiToken}` },
      body: JSON.stringify({ listen_type: "playing_now", payload: [{ track_metadata: { artist_name: "A", track_name: "Now" } }] }),
    });
    await recordListens(server, { token: user.token }, [listenInput(2, { trackTitle: "After playing_now" })]);
    expect(await live.next()).toMatchObject({ kind: "next", value: { data: { livePlays: { track: { title: "After playing_now" } } } } });
    live.dispose();
  });

  it("checks at subscribe time: signed out without username, unknown user, hidden history", async () => {
    const hidden = await signUpUser(server); // PRIVATE by default
    const anonymous = server.wsClient();
    const noViewer = await subscribe(anonymous, LIVE_PLAYS).next();
    expect(noViewer).toMatchObject({ kind: "next", value: { errors: [{ extensions: { code: "UNAUTHENTICATED" } }] } });
    const unknown = await subscribe(anonymous, LIVE_PLAYS, { username: "no-such-user" }).next();
    expect(unknown).toMatchObject({ kind: "next", value: { errors: [{ extensions: { code: "NOT_FOUND" } }] } });
    const forbidden = await subscribe(anonymous, LIVE_PLAYS, { username: hidden.username }).next();
    expect(forbidden).toMatchObject({ kind: "next", value: { errors: [{ extensions: { code: "FORBIDDEN" } }] } });
  });

  it("follows another user's public history, and ends when its owner makes it private", async () => {
    const owner = await signUpUser(server);
    const watcher = await signUpUser(server);
    await setVisibility(owner, "PUBLIC");
    const live = subscribe(server.wsClient(bearer(watcher)), LIVE_PLAYS, { username: owner.username.toUpperCase() });
    await untilLive(server, live, { token: owner.token });

    await recordListens(server, { token: owner.token }, [listenInput(3, { trackTitle: "Public play" })]);
    expect(await live.next()).toMatchObject({ kind: "next", value: { data: { livePlays: { track: { title: "Public play" } } } } });

    await setVisibility(owner, "PRIVATE");
    await recordListens(server, { token: owner.token }, [listenInput(4, { trackTitle: "Private play" })]);
    expect(await live.next()).toEqual({ kind: "complete" });
  });

  it("signing out closes the session's subscriptions (4401); API-token sockets stay open until the token is revoked", async () => {
    const user = await signUpUser(server);
    const second = await server.graphql(SIGN_IN, { input: { login: user.username, password: user.password } });
    const secondToken = second.data!.signIn.token as string;
    const apiToken = await createApiToken(server, user.token);

    const first = subscribe(server.wsClient(bearer(user)), LIVE_PLAYS);
    const other = subscribe(server.wsClient({ authorization: `Bearer ${secondToken}` }), LIVE_PLAYS);
    const scrobbler = subscribe(server.wsClient({ authorization: `Token ${apiToken}` }), LIVE_PLAYS);
    await untilLive(server, [first, other, scrobbler], { token: user.token });

    expect((await server.graphql(SIGN_OUT, {}, { token: user.token })).data).toEqual({ signOut: true });
    const closed = await first.next();
    expect(closed).toMatchObject({ kind: "error", error: { code: 4401 } });

    expect((await server.graphql(SIGN_OUT_EVERYWHERE, {}, { token: secondToken })).errors).toBeUndefined();
    expect(await other.next()).toMatchObject({ kind: "error", error: { code: 4401 } });

    await recordListens(server, { authorization: `Token ${apiToken}` }, [listenInput(5, { trackTitle: "Still live" })]);
    expect(await scrobbler.next()).toMatchObject({ kind: "next", value: { data: { livePlays: { track: { title: "Still live" } } } } });

    // Revoking the API token closes its sockets too.
    const third = (await server.graphql(SIGN_IN, { input: { login: user.username, password: user.password } })).data!.signIn.token as string;
    const tokens = await server.graphql(`{ apiTokens { id } }`, {}, { token: third });
    const revoke = await server.graphql(`mutation ($id: ID!) { revokeApiToken(id: $id) }`, { id: tokens.data!.apiTokens[0].id }, { token: third });
    expect(revoke.data).toEqual({ revokeApiToken: true });
    expect(await scrobbler.next()).toMatchObject({ kind: "error", error: { code: 4401 } });
  });

  it("imports do not reach live subscribers", async () => {
    const user = await signUpUser(server);
    const live = subscribe(server.wsClient(bearer(user)), LIVE_PLAYS);
    await untilLive(server, live, { token: user.token });

    const csv = "Imported Artist,Imported Album,Imported One,22 May 2014 20:11\nImported Artist,,Imported Two,22 May 2014 20:15\n";
    const form = new FormData();
    form.append("format", "LASTFM_CSV");
    form.append("file", new Blob([csv]), "someone.csv");
    const upload = await fetch(`${server.url}/api/imports`, { method: "POST", headers: { authorization: `Bearer ${user.token}` }, body: form });
    expect(upload.status).toBe(202);
    const { id } = (await upload.json()) as { id: string };
    let status = "";
    for (let attempt = 0; attempt < 400 && !["SUCCEEDED", "FAILED", "CANCELLED"].includes(status); attempt += 1) {
      const response = await server.graphql(`query ($id: ID!) { import(id: $id) { status inserted } }`, { id }, { token: user.token });
      status = response.data!.import.status;
      if (status === "SUCCEEDED") expect(response.data!.import.inserted).toBe(2);
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe("SUCCEEDED");

    // The next event is the live listen recorded after the import, not an imported row.
    await recordListens(server, { token: user.token }, [listenInput(6, { trackTitle: "Live after import" })]);
    expect(await live.next()).toMatchObject({ kind: "next", value: { data: { livePlays: { track: { title: "Live after import" } } } } });
    live.dispose();
  });
});
