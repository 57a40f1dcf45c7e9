import type { ImportFormat } from "../db/schema.js";
import type { Play } from "../modules/listen/play.js";

import type { ZipLimits } from "./archive/zipLimits.js";
import { openImportSourceImpl } from "./openImportSource.js";

export { DEFAULT_ZIP_LIMITS, type ZipLimits } from "./archive/zipLimits.js";
export { ImportFileError } from "./importFileError.js";

/**
 * One row of an export, in file order. `position` is global and strictly increasing across the
 * whole upload (all archive entries), and stable across runs: a resumed import re-reads the file
 * and skips rows up to the last committed position.
 */
export type ParsedRow =
  | {
      kind: "play";
      position: number;
      play: Play;
      /** the source gives minutes only (Spotify account data, lastfm-to-csv): dedupe with the tolerance window */
      minutePrecision?: boolean;
      /** the source names no artist (Apple Music current vintage, YouTube's "Release - Topic"): artistNames is [], resolve from the catalog */
      needsArtist?: boolean;
    }
  /** podcasts, audiobooks, videos, ads, no track/artist, msPlayed == 0, now-playing rows */
  | { kind: "skip"; position: number; reason: string }
  /** an unreadable row; the message names the entry and its line/index */
  | { kind: "error"; position: number; message: string };

export type ImportSource = { format: ImportFormat; rows: AsyncIterable<ParsedRow> };

export type OpenImportSourceOptions = {
  format?: ImportFormat | null;
  fileName?: string | null;
  /** zip-bomb limits; DEFAULT_ZIP_LIMITS when not given */
  limits?: ZipLimits;
};

/**
 * Opens an uploaded file (plain file or zip archive, nested zips included), finds the relevant
 * entries, detects the format from the content when `format` is not given, and yields rows in
 * file order. Throws ImportFileError (before the first row, or from the iterator after yielding
 * what was read before the damage) for: empty file, no recognizable export, wrong format given,
 * zip bomb, invalid JSON / truncated file, CSV with missing columns, non-UTF-8 bytes.
 *
 * Temporary files (nested archives) are removed when iteration ends or is abandoned.
 */
export async function openImportSource(filePath: string, options: OpenImportSourceOptions = {}): Promise<ImportSource> {
  return openImportSourceImpl(filePath, options);
}
