import type { UploadEntry } from "./archive/uploadEntries.js";
import type { EntryReader } from "./entryReader.js";
import { ImportFileError } from "./importFileError.js";
import type { ParsedRow } from "./importSource.js";
import { RowError } from "./rowOutcome.js";
import { EntryReadError } from "./text/entryReadError.js";
import { namesATrack } from "../modules/catalog/catalog.normalize.js";

/**
 * The rows of every entry in turn, with global positions: an entry's rows are numbered after the
 * last position of the entries before it (position = offset + line or element index), so
 * positions strictly increase across the whole upload and are the same on every run. Error
 * messages name the entry and its own line/index. Damage that stops an entry becomes an
 * ImportFileError after the rows before it. `close` runs when iteration ends or is abandoned.
 */
export async function* entryRows(entries: UploadEntry[], reader: EntryReader, close: () => Promise<void>): AsyncGenerator<ParsedRow> {
  let offset = 0;
  try {
    for (const entry of entries) {
      let last = 0;
      try {
        for await (const batch of reader.read(entry)) {
          for (const { local, outcome } of batch) {
            last = local;
            const position = offset + local;
            if (outcome.kind === "error") {
              yield { kind: "error", position, message: `${entry.name}, ${outcome.message}` };
            } else {
              // the outcome is the parser's fresh object: add the position rather than copy it
              const row = outcome as ParsedRow;
              row.position = position;
              // a title of invisible characters names no track (for every format, merged Apple plays too)
              yield row.kind === "play" && !namesATrack(row.play.track.title) ? { kind: "skip", reason: "no track name", position } : row;
            }
          }
        }
      } catch (error) {
        if (error instanceof EntryReadError) throw new ImportFileError(`"${entry.name}": ${error.message}`, offset + error.local);
        if (error instanceof RowError) throw new ImportFileError(`"${entry.name}": ${error.message}`, offset + last + 1);
        throw error;
      }
      offset += last;
    }
  } finally {
    await close();
  }
}
