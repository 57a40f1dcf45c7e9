import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens } from "../../db/schema.js";
import { signUpUser, type TestUser } from "../../../test/factories/user.factory.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";
import { parseGlobalId, toGlobalId } from "../../platform/globalId.js";
import { hashToken } from "./token.generator.js";

const CREATE = `mutation ($name: String!) { createApiToken(name: $name) { token apiToken { id name createdAt lastUsedAt } } }`;
const LIST = `{ apiTokens { id name lastUsedAt } }`;
const REVOKE = `mutation ($id: ID!) { revokeApiToken(id: $id) }`;
const ME = `{ me { username } }`;

describe("API tokens", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  async function createToken(owner: TestUser, name = "scrobbler") {
    const response = await server.graphql(CREATE, { name }, { token: owner.token });
    expect(response.errors).toBeUndefined();
    return response.data!.createApiToken as { token: string; apiToken: { id: string; name: string; lastUsedAt: string | null } };
  }

  it("creates a token shown once, stores only its hash, and authenticates with 'Token <token>'", async () => {
    const owner = await signUpUser(server);
    const { token, apiToken } = await createToken(owner, "  my scrobbler  ");
    expect(token).toMatch(/^tnrm_[a-z2-7]{32}$/);
    expect(apiToken).toMatchObject({ name: "my scrobbler", lastUsedAt: null });
    expect(parseGlobalId(apiToken.id)?.type).toBe("ApiToken");

    const [row] = await server.database.db.select().from(apiTokens).where(eq(apiTokens.tokenHash, hashToken(token)));
    expect(row).toBeDefined();
    expect(JSON.stringify(row)).not.toContain(token);

    const me = await server.graphql(ME, {}, { authorization: `Token ${token}` });
    expect(me.data).toEqual({ me: { username: owner.username } });
  });

  it("records lastUsedAt, at most one write a minute", async () => {
    const owner = await signUpUser(server);
    const { token, apiToken } = await createToken(owner);
    await server.graphql(ME, {}, { authorization: `Token ${token}` });
    const listed = await server.graphql(LIST, {}, { token: owner.token });
    const used = listed.data!.apiTokens.find((t: { id: string }) => t.id === apiToken.id);
    expect(used.lastUsedAt).not.toBeNull();
    expect(Date.now() - new Date(used.lastUsedAt).getTime()).toBeLessThan(60_000);

    const key = parseGlobalId(apiToken.id)!.key;
    const [before] = await server.database.db.select().from(apiTokens).where(eq(apiTokens.id, key));
    await server.graphql(ME, {}, { authorization: `Token ${token}` });
    const [after] = await server.database.db.select().from(apiTokens).where(eq(apiTokens.id, key));
    expect(after!.lastUsedAt!.getTime()).toBe(before!.lastUsedAt!.getTime());
  });

  it("lists only the viewer's live tokens", async () => {
    const owner = await signUpUser(server);
    const stranger = await signUpUser(server);
    const kept = await createToken(owner, "kept");
    const revoked = await createToken(owner, "revoked");
    await createToken(stranger, "theirs");
    await server.graphql(REVOKE, { id: revoked.apiToken.id }, { token: owner.token });
    const listed = await server.graphql(LIST, {}, { token: owner.token });
    expect(listed.data!.apiTokens.map((t: { id: string }) => t.id)).toEqual([kept.apiToken.id]);
  });

  it("rejects a revoked token with 401", async () => {
    const owner = await signUpUser(server);
    const { token, apiToken } = await createToken(owner);
    const revoke = await server.graphql(REVOKE, { id: apiToken.id }, { token: owner.token });
    expect(revoke.data).toEqual({ revokeApiToken: true });
    const response = await server.graphql(ME, {}, { authorization: `Token ${token}` });
    expect(response.status).toBe(401);
    expect(response.errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
    expect(response.errors![0]!.message).toMatch(/revoked/);
  });

  it("answers NOT_FOUND for someone else's token, an unknown one, or one revoked already", async () => {
    const owner = await signUpUser(server);
    const stranger = await signUpUser(server);
    const { apiToken } = await createToken(owner);
    const theirs = await server.graphql(REVOKE, { id: apiToken.id }, { token: stranger.token });
    expect(theirs.errors![0]!.extensions!.code).toBe("NOT_FOUND");
    const unknown = await server.graphql(REVOKE, { id: toGlobalId("ApiToken", crypto.randomUUID()) }, { token: owner.token });
    expect(unknown.errors![0]!.extensions!.code).toBe("NOT_FOUND");
    // the stranger's attempt left it live: the owner can still revoke it, once
    const own = await server.graphql(REVOKE, { id: apiToken.id }, { token: owner.token });
    expect(own.data).toEqual({ revokeApiToken: true });
    const twice = await server.graphql(REVOKE, { id: apiToken.id }, { token: owner.token });
    expect(twice.errors![0]!.extensions!.code).toBe("NOT_FOUND");
  });

  it("rejects an id that is not an ApiToken id", async () => {
    const owner = await signUpUser(server);
    const response = await server.graphql(REVOKE, { id: toGlobalId("User", crypto.randomUUID()) }, { token: owner.token });
    expect(response.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });

  it.each([
    ["", /must not be empty/],
    ["   ", /must not be empty/],
    ["x".repeat(101), /at most 100/],
  ])("validates the name %j", async (name, message) => {
    const owner = await signUpUser(server);
    const response = await server.graphql(CREATE, { name }, { token: owner.token });
    expect(response.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
    expect(response.errors![0]!.message).toMatch(message);
  });

  it("cannot manage tokens, the profile or sessions when signed in with an API token", async () => {
    const owner = await signUpUser(server);
    const { token, apiToken } = await createToken(owner);
    const auth = { authorization: `Token ${token}` };
    const attempts = [
      server.graphql(CREATE, { name: "more" }, auth),
      server.graphql(LIST, {}, auth),
      server.graphql(REVOKE, { id: apiToken.id }, auth),
      server.graphql(`mutation { updateProfile(input: { displayName: "x" }) { id } }`, {}, auth),
      server.graphql(`mutation { signOutEverywhere }`, {}, auth),
      server.graphql(`mutation { signOut }`, {}, auth),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.errors![0]!.extensions!.code).toBe("FORBIDDEN");
    }
  });

  it("needs a viewer", async () => {
    const response = await server.graphql(CREATE, { name: "x" });
    expect(response.errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
  });
});
