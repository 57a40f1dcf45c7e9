import { describe, expect, it } from "vitest";
import { memoryEntry } from "./memoryEntry.js";
import { textLineBatches } from "./textLines.js";

async function lines(content: string | Buffer, chunkSize: number) {
  const out: { line: number; text: string }[] = [];
  for await (const batch of textLineBatches(memoryEntry(content, chunkSize))) out.push(...batch);
  return out;
}

describe("textLineBatches", () => {
  it("splits LF and CRLF lines across chunk boundaries, drops the BOM and blank lines, keeps line numbers", async () => {
    const text = "\uFEFFfirst ünïcode\r\n\r\nsecond\nthird";
    for (const size of [1, 2, 3, 100]) {
      expect(await lines(text, size)).toEqual([
        { line: 1, text: "first ünïcode" },
        { line: 3, text: "second" },
        { line: 4, text: "third" },
      ]);
    }
  });

  it("stops at the first line that is not UTF-8", async () => {
    const bytes = Buffer.concat([Buffer.from("ok\nalso ok\nbad "), Buffer.from([0xc3, 0x28]), Buffer.from("\nnever\n")]);
    await expect(lines(bytes, 4)).rejects.toThrow(/not UTF-8 text: invalid bytes on line 3/);
  });
});
