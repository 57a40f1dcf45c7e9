import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../../test/factories/apiToken.factory.js";
import { signUpUser } from "../../../test/factories/user.factory.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";

const SET = `mutation ($input: NowPlayingInput!) { setNowPlaying(input: $input) { startedAt track { title durationMs } user { username } } }`;
const OF = `query ($username: String!) { user(username: $username) { nowPlaying { startedAt track { title } } } }`;
const HISTORY_COUNT = `{ history(first: 1) { totalCount } }`;
const SET_PUBLIC = `mutation { updateProfile(input: { visibility: PUBLIC }) { visibility } }`;

describe("now playing", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("setNowPlaying shows on User.nowPlaying, replaces the previous track, and is not a listen", async () => {
    const user = await signUpUser(server);
    const first = await server.graphql(SET, { input: { trackTitle: "First", artistName: "Someone", durationMs: 240_000 } }, { token: user.token });
    expect(first.errors).toBeUndefined();
    expect(first.data!.setNowPlaying).toMatchObject({ track: { title: "First", durationMs: 240_000 }, user: { username: user.username } });

    // API tokens (scrobblers) may set it too.
    const apiToken = await createApiToken(server, user.token);
    const second = await server.graphql(SET, { input: { trackTitle: "Second", artistName: "Someone", albumTitle: "Album" } }, { authorization: `Token ${apiToken}` });
    expect(second.errors).toBeUndefined();

    const mine = await server.graphql(OF, { username: user.username }, { token: user.token });
    expect(mine.data!.user.nowPlaying).toMatchObject({ track: { title: "Second" } });
    expect((await server.graphql(HISTORY_COUNT, {}, { token: user.token })).data!.history.totalCount).toBe(0);
  });

  it("is null for viewers who may not see the history, and once expired", async () => {
    const owner = await signUpUser(server);
    const other = await signUpUser(server);
    await server.graphql(SET, { input: { trackTitle: "Secret", artistName: "Someone" } }, { token: owner.token });
    expect((await server.graphql(OF, { username: owner.username }, { token: other.token })).data!.user.nowPlaying).toBeNull();
    expect((await server.graphql(OF, { username: owner.username })).data!.user.nowPlaying).toBeNull();

    await server.graphql(SET_PUBLIC, {}, { token: owner.token });
    expect((await server.graphql(OF, { username: owner.username })).data!.user.nowPlaying).toMatchObject({ track: { title: "Secret" } });

    // A 1 ms track has ended by the time anyone asks.
    await server.graphql(SET, { input: { trackTitle: "Blip", artistName: "Someone", durationMs: 1 } }, { token: owner.token });
    expect((await server.graphql(OF, { username: owner.username }, { token: owner.token })).data!.user.nowPlaying).toBeNull();
  });

  it("rejects signed-out callers and bad input", async () => {
    const signedOut = await server.graphql(SET, { input: { trackTitle: "T", artistName: "A" } });
    expect(signedOut.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const user = await signUpUser(server);
    const blank = await server.graphql(SET, { input: { trackTitle: "  ", artistName: "A" } }, { token: user.token });
    expect(blank.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "input.trackTitle" } });
    const negative = await server.graphql(SET, { input: { trackTitle: "T", artistName: "A", durationMs: -5 } }, { token: user.token });
    expect(negative.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "input.durationMs" } });
  });
});
