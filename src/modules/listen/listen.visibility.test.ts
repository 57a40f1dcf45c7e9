import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenInput, recordListens } from "../../../test/factories/listen.factory.js";
import { signUpUser, type TestUser } from "../../../test/factories/user.factory.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";
import { users, type Visibility } from "../../db/schema.js";
import { parseGlobalId } from "../../platform/globalId.js";

const USER_LISTENS = /* GraphQL */ `
  query($username: String!) { user(username: $username) { username listens(first: 10) { totalCount edges { node { id user { username } } } } } }
`;
const NODE = /* GraphQL */ `query($id: ID!) { node(id: $id) { __typename ... on Listen { id playedAt user { username } } } }`;
const ENTITIES = /* GraphQL */ `
  query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Listen { id playedAt } } }
`;

/**
 * Every path by which one user could read (or delete) another's listens. Owners: one PUBLIC, one
 * FOLLOWERS (private to others until follows exist), one PRIVATE; readers: the owner, another
 * signed-in user, anonymous.
 */
describe("who may see whose listens", () => {
  let server: TestServer;
  let reader: TestUser;
  const owners = {} as Record<Visibility, { user: TestUser; listenId: string }>;

  const setVisibility = async (owner: TestUser, visibility: Visibility) => {
    const response = await server.graphql(
      `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { visibility } }`,
      { input: { visibility } },
      owner,
    );
    if (response.errors) {
      // accounts' updateProfile missing: write the row directly
      await server.database.db.update(users).set({ visibility }).where(eq(users.id, parseGlobalId(owner.user.id)!.key));
    }
  };

  beforeAll(async () => {
    server = await startTestServer();
    reader = await signUpUser(server);
    await recordListens(server, reader, [listenInput(1)]);
    for (const visibility of ["PUBLIC", "FOLLOWERS", "PRIVATE"] as const) {
      const user = await signUpUser(server);
      await setVisibility(user, visibility);
      const payload = await recordListens(server, user, [listenInput(1), listenInput(2)]);
      owners[visibility] = { user, listenId: payload.listens[0]!.id };
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it("history is always the viewer's own", async () => {
    const response = await server.graphql(`{ history(first: 100) { totalCount edges { node { user { username } } } } }`, {}, reader);
    expect(response.data!.history.totalCount).toBe(1);
    expect(response.data!.history.edges.map((edge: any) => edge.node.user.username)).toEqual([reader.username]);
  });

  it.each(["PUBLIC", "FOLLOWERS", "PRIVATE"] as const)("User.listens of a %s owner", async (visibility) => {
    const { user } = owners[visibility];
    const asOwner = await server.graphql(USER_LISTENS, { username: user.username }, user);
    expect(asOwner.data!.user.listens.totalCount).toBe(2);
    for (const auth of [reader, undefined]) {
      const response = await server.graphql(USER_LISTENS, { username: user.username }, auth);
      expect(response.errors).toBeUndefined();
      if (visibility === "PUBLIC") {
        expect(response.data!.user.listens.totalCount).toBe(2);
        expect(response.data!.user.listens.edges[0].node.user.username).toBe(user.username);
      } else {
        expect(response.data!.user.listens).toBeNull();
      }
    }
  });

  it.each(["PUBLIC", "FOLLOWERS", "PRIVATE"] as const)("node(id) and _entities of a %s owner's listen", async (visibility) => {
    const { user, listenId } = owners[visibility];
    const visibleToOthers = visibility === "PUBLIC";
    const own = await server.graphql(NODE, { id: listenId }, user);
    expect(own.data!.node).toMatchObject({ __typename: "Listen", id: listenId, user: { username: user.username } });
    for (const auth of [reader, undefined]) {
      const node = await server.graphql(NODE, { id: listenId }, auth);
      expect(node.errors).toBeUndefined();
      expect(node.data!.node?.id ?? null).toBe(visibleToOthers ? listenId : null);
      const entities = await server.graphql(ENTITIES, { representations: [{ __typename: "Listen", id: listenId }] }, auth);
      expect(entities.errors).toBeUndefined();
      expect(entities.data!._entities[0]?.id ?? null).toBe(visibleToOthers ? listenId : null);
    }
  });

  it("deleteListen of another user's listen is NOT_FOUND, like an unknown id, and deletes nothing", async () => {
    const { user, listenId } = owners.PUBLIC;
    const attempt = await server.graphql(`mutation($id: ID!) { deleteListen(id: $id) }`, { id: listenId }, reader);
    expect(attempt.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const unknown = await server.graphql(
      `mutation($id: ID!) { deleteListen(id: $id) }`,
      { id: Buffer.from("Listen:999999999").toString("base64url") },
      reader,
    );
    expect(unknown.errors?.[0]).toMatchObject({ message: attempt.errors![0]!.message, extensions: { code: "NOT_FOUND" } });
    const anonymous = await server.graphql(`mutation($id: ID!) { deleteListen(id: $id) }`, { id: listenId });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const still = await server.graphql(NODE, { id: listenId }, user);
    expect(still.data!.node.id).toBe(listenId);
  });

  it("deleteListens never reaches another user's listens", async () => {
    const { user } = owners.PUBLIC;
    const response = await server.graphql(
      `mutation { deleteListens(filter: { includeUncounted: true, from: "2026-01-15T11:58:30Z" }) }`,
      {},
      reader,
    );
    expect(response.data).toEqual({ deleteListens: 1 });
    const theirs = await server.graphql(USER_LISTENS, { username: user.username }, user);
    expect(theirs.data!.user.listens.totalCount).toBe(2);
  });
});
