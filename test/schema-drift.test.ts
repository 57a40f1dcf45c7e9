import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { printSubgraphSchemaSdl } from "../src/server/schemaSdl.js";

describe("schema/schema.graphql", () => {
  it("matches the schema built from the code", async () => {
    const committed = readFileSync(new URL("../schema/schema.graphql", import.meta.url), "utf8");
    const current = await printSubgraphSchemaSdl();
    expect(committed, "schema/schema.graphql is stale: run npm run schema:emit and commit it").toBe(current);
  });
});
