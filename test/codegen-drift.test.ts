import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { generate } from "@graphql-codegen/cli";
import { describe, expect, it } from "vitest";
import config from "../codegen.js";

const root = join(import.meta.dirname, "..");
const GENERATED = "test/generated";

describe("typed test operations (test/generated/)", () => {
  it("match what npm run codegen produces from schema/schema.graphql and test/operations/", async () => {
    const outputs = (await generate({ ...config, cwd: root }, false)) as { filename: string; content: string }[];
    const expected = new Map(outputs.map((output) => [relative(root, join(root, output.filename)), output.content]));
    const committed = new Map(
      readdirSync(join(root, GENERATED)).map((name) => [join(GENERATED, name), readFileSync(join(root, GENERATED, name), "utf8")]),
    );
    expect([...committed.keys()].sort(), "test/generated/ is stale: run npm run codegen").toEqual([...expected.keys()].sort());
    for (const [file, content] of expected) {
      expect(committed.get(file), `${file} is stale: run npm run codegen`).toBe(content);
    }
  });
});
