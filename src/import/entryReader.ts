import type { UploadEntry } from "./archive/uploadEntries.js";
import { type RowOutcome, parseRecord } from "./rowOutcome.js";
import { jsonElementBatches } from "./text/jsonElements.js";
import { textLineBatches } from "./text/textLines.js";

/** A row of one entry; `local` is its 1-based line (line formats) or element index (JSON arrays). */
export type LocalRow = { local: number; outcome: RowOutcome };

/**
 * Reads one archive entry of a format into rows, in order, with strictly increasing `local`,
 * in batches (an async step per row would cost more than parsing it). Error messages start
 * with what `local` counts ("line 12: …", "entry 7: …").
 */
export type EntryReader = {
  read(entry: UploadEntry): AsyncIterable<LocalRow[]>;
};

/** Prefixes an error row's message with its place in the entry. */
export function located(unit: string, local: number, outcome: RowOutcome): LocalRow {
  return { local, outcome: outcome.kind === "error" ? { kind: "error", message: `${unit} ${local}: ${outcome.message}` } : outcome };
}

/** A JSON array of records, one row each. */
export function jsonArrayReader(parse: (record: unknown) => RowOutcome, expected: string): EntryReader {
  return {
    async *read(entry) {
      let local = 0;
      for await (const elements of jsonElementBatches(entry, { expected })) {
        yield elements.map((element) => located("entry", ++local, parseRecord(parse, element)));
      }
    },
  };
}

/** JSON Lines: one record per line; a line that is not JSON is an error row, the rest still reads. */
export function jsonLinesReader(parse: (record: unknown) => RowOutcome): EntryReader {
  return {
    async *read(entry) {
      for await (const lines of textLineBatches(entry)) {
        yield lines.map(({ line, text }) => {
          let record: unknown;
          try {
            record = JSON.parse(text);
          } catch (error) {
            return located("line", line, { kind: "error", message: `invalid JSON: ${(error as Error).message}` });
          }
          return located("line", line, parseRecord(parse, record));
        });
      }
    },
  };
}
