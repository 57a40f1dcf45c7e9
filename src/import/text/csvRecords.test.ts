import { describe, expect, it } from "vitest";
import { csvRecordBatches } from "./csvRecords.js";
import { memoryEntry } from "./memoryEntry.js";

async function records(content: string | Buffer, quoted = true, chunkSize = 3) {
  const out: { line: number; fields: string[] }[] = [];
  for await (const batch of csvRecordBatches(memoryEntry(content, chunkSize, "x.csv"), { quoted })) out.push(...batch);
  return out;
}

describe("csvRecordBatches", () => {
  it("reads RFC 4180 CSV with a BOM, CRLF, quoted commas, quotes and line breaks", async () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n\r\nlast,,\r\n';
    expect(await records(text)).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 3, fields: ["x, y", 'say "hi"', "two\nlines"] },
      { line: 5, fields: ["last", "", ""] },
    ]);
  });

  it("treats quotes as characters when the file has no quoting", async () => {
    expect(await records('Artist "X",Album,Track,22 May 2014 20:11\n', false)).toEqual([
      { line: 1, fields: ['Artist "X"', "Album", "Track", "22 May 2014 20:11"] },
    ]);
  });

  it("refuses bytes that are not UTF-8, naming the line", async () => {
    const bytes = Buffer.concat([Buffer.from("a,b\nc,d\ne,"), Buffer.from([0xff]), Buffer.from("\n")]);
    await expect(records(bytes, true, 1024)).rejects.toThrow(/not UTF-8 text: invalid bytes on line 3/);
  });

  it("reports an unclosed quote with its line", async () => {
    await expect(records('a,b\n"open,c\n', true, 1024)).rejects.toThrow(/invalid CSV at line/);
  });
});
