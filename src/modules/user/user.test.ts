import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpUser } from "../../../test/factories/user.factory.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";
import { parseGlobalId } from "../../platform/globalId.js";

const PROFILE = `id username displayName timezone visibility createdAt email`;
const UPDATE = `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { ${PROFILE} } }`;

describe("users and profiles", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("me is null when signed out", async () => {
    const response = await server.graphql(`{ me { id } }`);
    expect(response.data).toEqual({ me: null });
  });

  it("me is the viewer, with a User global id and their own email", async () => {
    const { token, username, email } = await signUpUser(server);
    const response = await server.graphql(`{ me { ${PROFILE} } }`, {}, { token });
    const me = response.data!.me;
    expect(me).toMatchObject({ username, email, displayName: null, timezone: "UTC", visibility: "PRIVATE" });
    expect(parseGlobalId(me.id)?.type).toBe("User");
    expect(Number.isNaN(Date.parse(me.createdAt))).toBe(false);
  });

  it("user(username) finds anyone case-insensitively; email only for themself", async () => {
    const owner = await signUpUser(server);
    const other = await signUpUser(server);
    const query = `query ($username: String!) { user(username: $username) { username email } }`;
    const asOther = await server.graphql(query, { username: owner.username.toUpperCase() }, { token: other.token });
    expect(asOther.data).toEqual({ user: { username: owner.username, email: null } });
    const anonymous = await server.graphql(query, { username: owner.username });
    expect(anonymous.data).toEqual({ user: { username: owner.username, email: null } });
    const asOwner = await server.graphql(query, { username: owner.username }, { token: owner.token });
    expect(asOwner.data).toEqual({ user: { username: owner.username, email: owner.email } });
  });

  it("user(username) is null for an unknown or impossible name", async () => {
    const query = `query ($username: String!) { user(username: $username) { id } }`;
    for (const username of ["nobody-here-xyz", "", "x".repeat(500)]) {
      expect((await server.graphql(query, { username })).data).toEqual({ user: null });
    }
  });

  it("node(id) resolves a User", async () => {
    const { user, username } = await signUpUser(server);
    const response = await server.graphql(`query ($id: ID!) { node(id: $id) { id ... on User { username email } } }`, { id: user.id });
    expect(response.data).toEqual({ node: { id: user.id, username, email: null } });
  });

  it("updateProfile changes only the given fields and canonicalises the zone", async () => {
    const { token, username } = await signUpUser(server);
    const first = await server.graphql(UPDATE, { input: { displayName: "  Ada L.  ", timezone: "europe/berlin" } }, { token });
    expect(first.errors).toBeUndefined();
    expect(first.data!.updateProfile).toMatchObject({ username, displayName: "Ada L.", timezone: "Europe/Berlin", visibility: "PRIVATE" });

    const second = await server.graphql(UPDATE, { input: { visibility: "PUBLIC" } }, { token });
    expect(second.data!.updateProfile).toMatchObject({ displayName: "Ada L.", timezone: "Europe/Berlin", visibility: "PUBLIC" });

    const cleared = await server.graphql(UPDATE, { input: { displayName: null } }, { token });
    expect(cleared.data!.updateProfile).toMatchObject({ displayName: null, visibility: "PUBLIC" });
  });

  it.each([
    [{ displayName: "x".repeat(101) }, "input.displayName", /at most 100/],
    [{ displayName: "bad\u0007name" }, "input.displayName", /control characters/],
    [{ timezone: "Nowhere/Special" }, "input.timezone", /not an IANA time zone/],
    [{ timezone: null }, "input.timezone", /cannot be null/],
    [{ visibility: null }, "input.visibility", /cannot be null/],
  ])("updateProfile rejects %j naming the field", async (input, field, message) => {
    const { token } = await signUpUser(server);
    const response = await server.graphql(UPDATE, { input }, { token });
    expect(response.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(response.errors![0]!.message).toMatch(message);
  });

  it("updateProfile needs a session", async () => {
    const response = await server.graphql(UPDATE, { input: { displayName: "x" } });
    expect(response.errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
  });
});
