import { readFileSync } from "node:fs";
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpUser } from "./factories/user.factory.js";
import { startTestServer, type TestServer } from "./testServer.js";

const sdl = readFileSync(new URL("../schema/schema.graphql", import.meta.url), "utf8");

/** A stand-in for another team's subgraph that adds a field to our User entity. */
const reviewsSubgraph = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type User @key(fields: "id") {
    id: ID!
    reviewCount: Int!
  }
  type Query {
    reviewsVersion: String!
  }
`;

function compose(withReviews: boolean, tonearmSdl = sdl) {
  return composeServices([
    { name: "tonearm", typeDefs: parse(tonearmSdl), url: "http://tonearm:4000/graphql" },
    ...(withReviews ? [{ name: "reviews", typeDefs: parse(reviewsSubgraph), url: "http://reviews:4001/graphql" }] : []),
  ]);
}

function compositionErrors(result: ReturnType<typeof compose>): string[] {
  return (result.errors ?? []).map((error) => error.message);
}

describe("Apollo Federation 2 composition", () => {
  it("composes the emitted subgraph SDL on its own", () => {
    const result = compose(false);
    expect(compositionErrors(result)).toEqual([]);
    expect(result.supergraphSdl).toContain("join__graph");
  });

  it("composes with another subgraph extending User @key(id): fields from both resolve on one type", () => {
    const result = compose(true);
    expect(compositionErrors(result)).toEqual([]);
    const userType = result.schema!.toAPISchema().toGraphQLJSSchema().getType("User") as import("graphql").GraphQLObjectType;
    expect(Object.keys(userType.getFields())).toEqual(expect.arrayContaining(["id", "username", "reviewCount"]));
  });
});

describe("subgraph endpoints over HTTP", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("answers _service { sdl } with the subgraph SDL", async () => {
    const response = await server.graphql<{ _service: { sdl: string } }>(`{ _service { sdl } }`);
    expect(response.errors).toBeUndefined();
    const served = response.data!._service.sdl;
    expect(served).toContain("@link(url: \"https://specs.apollo.dev/federation/v2.3\"");
    // _service returns the type definitions as given (the committed file prints the built
    // subgraph, with the federation definitions): both must compose to the same supergraph.
    expect(compositionErrors(compose(false, served))).toEqual([]);
    expect(compose(false, served).supergraphSdl).toBe(compose(false).supergraphSdl);
  });

  it("resolves a User representation through _entities", async () => {
    const { user } = await signUpUser(server);
    const { id, username } = user;

    const response = await server.graphql<{ _entities: ({ id: string; username: string } | null)[] }>(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id username } } }`,
      { representations: [{ __typename: "User", id }] },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual([{ id, username }]);
  });
});
