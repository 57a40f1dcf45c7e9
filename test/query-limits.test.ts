import { buildSchema, getIntrospectionQuery, GraphQLError, parse, validate } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../src/platform/errors.js";
import { formatError } from "../src/server/errorMasking.js";
import { depthLimitRule, estimateCost, MAX_QUERY_COST, MAX_QUERY_DEPTH } from "../src/server/queryLimits.js";
import { startTestServer, type TestServer } from "./testServer.js";

const MAX_BODY_BYTES = 10_000;

/** `open` nested `levels` times around `leaf`: nest("a {", "}", 2, "b") → "a { a { b } }". */
const nest = (open: string, close: string, levels: number, leaf: string) => `${open} `.repeat(levels) + leaf + ` ${close}`.repeat(levels);

const recursive = buildSchema(`
  type Item { name: String, child: Item, items(first: Int): [Item!]! }
  type Query { item: Item }
`);

describe("depth limit (validation rule)", () => {
  const errorsAt = (depth: number) =>
    validate(recursive, parse(`{ ${nest("item {", "}", 1, nest("child {", "}", depth - 1, "name"))} }`), [depthLimitRule]);

  it(`accepts a query ${MAX_QUERY_DEPTH} levels deep and refuses one level more, saying why`, () => {
    expect(errorsAt(MAX_QUERY_DEPTH)).toEqual([]);
    const errors = errorsAt(MAX_QUERY_DEPTH + 1);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain(`exceeds maximum operation depth of ${MAX_QUERY_DEPTH}`);
  });
});

describe("query cost (estimate)", () => {
  it("multiplies by page sizes, so nested 100-item lists exceed the limit while one list does not", () => {
    const one = parse(`{ item { items(first: 100) { name } } }`);
    const nested = parse(`{ item { items(first: 100) { items(first: 100) { items(first: 100) { name } } } } }`);
    expect(estimateCost(recursive, one, {})).toBeLessThan(MAX_QUERY_COST);
    expect(estimateCost(recursive, nested, {})).toBeGreaterThan(MAX_QUERY_COST);
  });
});

describe("error masking (formatError)", () => {
  it("masks an unexpected error: no message, stack or SQL reaches the client", () => {
    const cause = new Error('insert into "users" ("password_hash") values ($1) violates unique constraint');
    const wrapped = new GraphQLError(cause.message, { path: ["signUp"], originalError: cause });
    const formatted = formatError({ ...wrapped.toJSON(), extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: cause.stack!.split("\n") } }, wrapped);
    expect(formatted).toEqual({ message: "Internal server error", path: ["signUp"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(JSON.stringify(formatted)).not.toMatch(/insert|users|stack/i);
  });

  it("shows an AppError as it is, without a stack trace", () => {
    const error = new AppError("NOT_FOUND", "Track not found");
    const wrapped = new GraphQLError(error.message, { path: ["track"], originalError: error });
    const formatted = formatError({ ...error.toJSON(), path: ["track"], extensions: { ...error.extensions, stacktrace: ["at x"] } }, wrapped);
    expect(formatted).toEqual({ message: "Track not found", path: ["track"], extensions: { code: "NOT_FOUND" } });
  });
});

describe("limits over HTTP", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ MAX_BODY_BYTES: String(MAX_BODY_BYTES) });
  });
  afterAll(async () => {
    await server.close();
  });

  it("answers normal queries, GraphiQL's full introspection query included", async () => {
    expect((await server.graphql(`{ __typename }`)).data).toEqual({ __typename: "Query" });
    const introspection = await server.graphql(getIntrospectionQuery());
    expect(introspection.errors).toBeUndefined();
    expect(introspection.status).toBe(200);
  });

  it("refuses deeply nested introspection with a clear validation error (not a masked internal error)", async () => {
    const response = await server.graphql(`{ __schema { types { ${nest("fields { type {", "} }", 6, "name")} } } }`);
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]).toMatchObject({
      message: "Maximum introspection depth exceeded",
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
  });

  it(`refuses a query deeper than ${MAX_QUERY_DEPTH} levels before running it`, async () => {
    const response = await server.graphql(`{ artist(id: "x") { ${nest("albums { artist {", "} }", 7, "name")} } }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.message).toContain(`exceeds maximum operation depth of ${MAX_QUERY_DEPTH}`);
    expect(response.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("shows parse and validation errors to the client with their codes", async () => {
    const syntax = await server.graphql(`{ __typename`);
    expect(syntax.status).toBe(400);
    expect(syntax.errors?.[0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
    expect(syntax.errors?.[0]?.message).toMatch(/Syntax Error/);
    const unknown = await server.graphql(`{ noSuchField }`);
    expect(unknown.status).toBe(400);
    expect(unknown.errors?.[0]).toMatchObject({
      message: expect.stringContaining("noSuchField"),
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
    const variable = await server.graphql(`query ($id: ID!) { node(id: $id) { id } }`);
    expect(variable.status).toBe(400);
    expect(variable.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("answers a request body over MAX_BODY_BYTES with 413, and one under it normally", async () => {
    const padding = "x".repeat(MAX_BODY_BYTES);
    const tooBig = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ __typename }`, variables: { padding } }),
    });
    expect(tooBig.status).toBe(413);
    const fits = await server.graphql(`{ __typename }`, { padding: padding.slice(0, MAX_BODY_BYTES / 2) });
    expect(fits.status).toBe(200);
  });
});
