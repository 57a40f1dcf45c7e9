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

/** Rows converted and yielded at a time from one parsed array (a whole ~12 MB file holds ~18k). */
const ROWS_PER_SLICE = 1_000;

/**
 * A JSON array of records, one row each. Records are converted a slice at a time and dropped
 * from the parsed array as they are, so the raw records of a whole file are not kept alive
 * while its rows wait to be written.
 */
export function jsonArrayReader(parse: (record: unknown) => RowOutcome, expected: string): EntryReader {
  return {
    async *read(entry) {
      let local = 0;
      for await (const elements of jsonElementBatches(entry, { expected })) {
        for (let from = 0; from < elements.length; from += ROWS_PER_SLICE) {
          const to = Math.min(elements.length, from + ROWS_PER_SLICE);
          const rows = new Array<LocalRow>(to - from);
          for (let i = from; i < to; i++) {
            rows[i - from] = located("entry", ++local, parseRecord(parse, elements[i]));
            elements[i] = undefined;
          }
          yield rows;
        }
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
