import { describe, expect, it } from "vitest";
import { EntryReadError } from "./entryReadError.js";
import { jsonElementBatches } from "./jsonElements.js";
import { memoryEntry } from "./memoryEntry.js";

async function collect(content: string | Buffer, chunkSize: number, wholeParseLimit = 0, sliceBytes?: number) {
  const values: unknown[] = [];
  try {
    for await (const batch of jsonElementBatches(memoryEntry(content, chunkSize), { expected: "rows", wholeParseLimit, sliceBytes })) values.push(...batch);
  } catch (error) {
    return { values, error: error as EntryReadError };
  }
  return { values, error: null };
}

const tricky = [
  { a: 'quote " and backslash \\ and ] } , [ {', n: 1 },
  { nested: [{ b: [1, 2, { c: "x\\\\" }] }], s: "\\\"" },
  "plain string with \\",
  42,
  null,
  { emoji: "🎵 naïve ‘curly’", escaped: "\u0000" },
];

describe("jsonElementBatches", () => {
  it("yields every element whatever the chunk boundaries (streaming path)", async () => {
    const text = "\uFEFF" + JSON.stringify(tricky, null, 2).replace(/\n/g, "\r\n");
    for (const chunkSize of [1, 2, 3, 5, 7, 64, 100_000]) {
      const { values, error } = await collect(text, chunkSize);
      expect(error).toBeNull();
      expect(values).toEqual(tricky);
    }
  });

  it("parses small entries in one go (fast path) with the same result", async () => {
    const { values } = await collect(JSON.stringify(tricky), 1024, 1024 * 1024);
    expect(values).toEqual(tricky);
  });

  it("reads an empty array", async () => {
    expect(await collect(" [ ] ", 1)).toEqual({ values: [], error: null });
  });

  it("yields the elements before invalid JSON, then names the damaged element", async () => {
    const text = '[{"a":1},{"a":2},{"a":3,,},{"a":4}]';
    for (const limit of [0, 1024]) {
      const { values, error } = await collect(text, 4, limit);
      expect(values).toEqual([{ a: 1 }, { a: 2 }]);
      expect(error).toBeInstanceOf(EntryReadError);
      expect(error!.message).toMatch(/invalid JSON at entry 3/);
      expect(error!.local).toBe(3);
    }
  });

  it("reports a truncated file after the complete elements", async () => {
    const { values, error } = await collect('[{"a":1},{"a":2},{"a":', 3, 1024);
    expect(values).toEqual([{ a: 1 }, { a: 2 }]);
    expect(error!.message).toMatch(/invalid JSON at entry 3: the file ends inside it \(truncated/);
    expect(error!.local).toBe(3);
  });

  it("reports bytes that are not UTF-8 with the element", async () => {
    const bytes = Buffer.concat([Buffer.from('[{"a":"ok"},{"a":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}]')]);
    const { values, error } = await collect(bytes, 5, 1024);
    expect(values).toEqual([{ a: "ok" }]);
    expect(error!.message).toMatch(/not UTF-8 text: invalid bytes in entry 2/);
  });

  it("refuses an object where an array is expected, and content after the array", async () => {
    expect((await collect('{"a":1}', 3, 1024)).error!.message).toMatch(/expected a JSON array of rows, found an object/);
    expect((await collect('[1] x', 3)).error!.message).toMatch(/unexpected content after the end of the array/);
    expect((await collect('[1,,2]', 3)).error!.message).toMatch(/invalid JSON at entry 2: missing value/);
    expect((await collect("   ", 1)).error!.message).toMatch(/found no JSON/);
  });

  it("yields a top-level object when allowed", async () => {
    const values: unknown[] = [];
    for await (const batch of jsonElementBatches(memoryEntry('{"page":1}'), { expected: "pages", allowObject: true })) values.push(...batch);
    expect(values).toEqual([{ page: 1 }]);
  });

  it("parses a whole entry in pieces cut between objects, with the same elements whatever the piece size", async () => {
    const rows = [
      ...tricky.filter((value) => typeof value === "object" && value !== null),
      { cut: "looks like a cut: }, { and },{ inside a string" },
      { nested: [{ x: 1 }, { y: 2 }], more: { deep: [{ z: [{}, {}] }] } },
      { last: true },
    ];
    for (const text of [JSON.stringify(rows), JSON.stringify(rows, null, 2), "\uFEFF " + JSON.stringify(rows, null, "\t") + "\n"]) {
      for (const sliceBytes of [1, 2, 10, 40, 1_000_000]) {
        expect(await collect(text, 7, 1024 * 1024, sliceBytes)).toEqual({ values: rows, error: null });
      }
    }
  });

  it("in pieces: elements before the damage, then the damaged element, each once", async () => {
    const text = '[{"a":1},{"a":2},{"a":3},{"a":4,,},{"a":5}]';
    for (const sliceBytes of [1, 9, 20]) {
      const { values, error } = await collect(text, 4, 1024, sliceBytes);
      expect(values).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
      expect(error!.local).toBe(4);
      expect(error!.message).toMatch(/invalid JSON at entry 4/);
    }
    expect((await collect('[{"a":1},{"a":2},]', 4, 1024, 1)).error!.message).toMatch(/invalid JSON at entry 3: missing value/);
  });
});
