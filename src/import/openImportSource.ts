import { basename } from "node:path";
import type { ImportFormat } from "../db/schema.js";
import { appleMusicReader } from "./appleMusic/appleMusic.reader.js";
import { openUpload, type UploadEntry } from "./archive/uploadEntries.js";
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from "./archive/zipLimits.js";
import { chooseFormat, entryFormats, FORMAT_LABELS } from "./detectFormat.js";
import type { EntryReader } from "./entryReader.js";
import { entryRows } from "./entryRows.js";
import { ImportFileError } from "./importFileError.js";
import type { ImportSource, ParsedRow } from "./importSource.js";
import { lastfmCsvReader } from "./lastfmCsv/lastfmCsv.reader.js";
import { lastfmJsonReader } from "./lastfmJson/lastfmJson.reader.js";
import { listenbrainzReader } from "./listenbrainz/listenbrainz.reader.js";
import { spotifyAccountReader } from "./spotifyAccount/spotifyAccount.reader.js";
import { spotifyExtendedReader } from "./spotifyExtended/spotifyExtended.reader.js";
import { youtubeMusicReader } from "./youtubeMusic/youtubeMusic.reader.js";

const READERS: Record<ImportFormat, EntryReader> = {
  SPOTIFY_EXTENDED: spotifyExtendedReader,
  SPOTIFY_ACCOUNT: spotifyAccountReader,
  LASTFM_CSV: lastfmCsvReader,
  LASTFM_JSON: lastfmJsonReader,
  LISTENBRAINZ: listenbrainzReader,
  APPLE_MUSIC: appleMusicReader,
  YOUTUBE_MUSIC: youtubeMusicReader,
};

export type OpenOptions = { format?: ImportFormat | null; fileName?: string | null; limits?: ZipLimits };

/**
 * See `openImportSource` in ./importSource.ts. Detection opens the upload and closes it again;
 * `rows` reopens it when iteration starts and closes it when iteration ends, so a source that is
 * never iterated holds no file handles or temporary files.
 */
export async function openImportSourceImpl(filePath: string, options: OpenOptions): Promise<ImportSource> {
  const displayName = options.fileName?.trim() || basename(filePath);
  const limits = options.limits ?? DEFAULT_ZIP_LIMITS;
  const upload = await openUpload(filePath, displayName, limits);
  let format: ImportFormat;
  let entries: UploadEntry[];
  try {
    const { found, named, unrecognized } = await entryFormats(upload.entries);
    const detected = chooseFormat(found, named);
    if (options.format && !found.has(options.format)) {
      if (detected) {
        throw new ImportFileError(`"${displayName}" is not a ${FORMAT_LABELS[options.format]} file: it looks like ${FORMAT_LABELS[detected]}`);
      }
      // nothing recognizable: take the user's word for the text files (their reader says what is wrong)
      if (unrecognized.length === 0) {
        throw new ImportFileError(`"${displayName}" is not a ${FORMAT_LABELS[options.format]} file${describeEntries(upload.entries.map((entry) => entry.name))}`);
      }
      found.set(options.format, unrecognized);
    }
    format = options.format ?? detected ?? refuseUnrecognized(displayName, upload.entries.map((entry) => entry.name));
    entries = found.get(format)!;
  } finally {
    await upload.close();
  }
  const names = new Set(entries.map((entry) => entry.name));
  const reader = READERS[format];
  async function* rows(): AsyncGenerator<ParsedRow> {
    const reopened = await openUpload(filePath, displayName, limits);
    yield* entryRows(
      reopened.entries.filter((entry) => names.has(entry.name)),
      reader,
      () => reopened.close(),
    );
  }
  return { format, rows: rows() };
}

function refuseUnrecognized(displayName: string, names: string[]): never {
  const expected = Object.values(FORMAT_LABELS).join("; ");
  throw new ImportFileError(`Unrecognized file "${displayName}": expected one of ${expected}${describeEntries(names)}`);
}

function describeEntries(names: string[]): string {
  if (names.length <= 1) return "";
  const shown = names.slice(0, 5).join(", ");
  return ` (the archive holds ${names.length} files: ${shown}${names.length > 5 ? ", …" : ""})`;
}
