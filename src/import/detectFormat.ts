import { basename } from "node:path";
import type { ImportFormat } from "../db/schema.js";
import { looksLikeAppleHeader } from "./appleMusic/appleMusic.columns.js";
import type { UploadEntry } from "./archive/uploadEntries.js";
import { parseLastfmToCsvDate } from "./lastfmCsv/lastfmCsv.parser.js";
import { isGhanHeader, isQuotedLastfmToCsvLine } from "./lastfmCsv/lastfmCsv.reader.js";
import { bomLength, entryPrefix } from "./text/entryBytes.js";

/** What each format is, for messages ("expected one of …"). */
export const FORMAT_LABELS: Record<ImportFormat, string> = {
  SPOTIFY_EXTENDED: "Spotify extended streaming history (Streaming_History_Audio_*.json, endsong_*.json, my_spotify_data.zip)",
  SPOTIFY_ACCOUNT: "Spotify account data (StreamingHistory_music_*.json)",
  LASTFM_CSV: "Last.fm CSV (lastfm-to-csv or ghan.nl)",
  LASTFM_JSON: "Last.fm JSON (recenttracks pages)",
  LISTENBRAINZ: "ListenBrainz export (zip, .jsonl or JSON array)",
  APPLE_MUSIC: "Apple Music Play Activity.csv (Apple Media Services export)",
  YOUTUBE_MUSIC: "YouTube Music watch-history.json or watch-history.html (Google Takeout)",
};

/** When an archive holds several formats, the first of these wins. */
const PRIORITY: ImportFormat[] = [
  "SPOTIFY_EXTENDED",
  "LISTENBRAINZ",
  "APPLE_MUSIC",
  "YOUTUBE_MUSIC",
  "SPOTIFY_ACCOUNT",
  "LASTFM_JSON",
  "LASTFM_CSV",
];

/** An entry's format, or null for files to leave alone (videos, podcasts, PDFs, user.json…). */
export type EntryFormat = ImportFormat | null;

/** Files recognized by name (the services' own file names); "ignore" for the ones beside them. */
export function formatFromName(path: string): EntryFormat | "sniff" {
  const name = basename(path);
  if (/^Streaming_History_Audio_.*\.json$/i.test(name) || /^endsong(_\d+)?\.json$/i.test(name)) return "SPOTIFY_EXTENDED";
  if (/^Streaming_History_Video_/i.test(name) || /^StreamingHistory_(podcast|audiobook)/i.test(name)) return null;
  if (/^StreamingHistory(_music_\d+|\d*)\.json$/i.test(name)) return "SPOTIFY_ACCOUNT";
  if (/^Apple Music Play Activity\.csv$/i.test(name)) return "APPLE_MUSIC";
  // Takeout names it in the account's language; other languages are recognized by content
  // (a history too large for one file continues in "watch-history(1).json"); HTML is Takeout's default
  if (/^(watch-history|Wiedergabeverlauf|kijkgeschiedenis|观看记录)( ?\(\d+\))?\.(json|html?)$/i.test(name)) return "YOUTUBE_MUSIC";
  if (/(^|\/)listens\/\d{4}\/\d{1,2}\.jsonl$/i.test(path)) return "LISTENBRAINZ";
  if (/^(user\.json|feedback\.jsonl|pinned_recording\.jsonl)$/i.test(name)) return null;
  // plain uploads are often stored under a temporary name without an extension
  if (/\.(json|jsonl|csv|txt|html?)$/i.test(name) || !/\.[A-Za-z0-9]{1,5}$/.test(name)) return "sniff";
  return null;
}

/** Recognizes a format from the first bytes of a file (BOM already dropped). */
export function formatFromContent(head: string): EntryFormat {
  const text = head.trimStart();
  if (text.startsWith("[") || text.startsWith("{")) return jsonFormat(text);
  if (text.startsWith("<")) return htmlFormat(text);
  return csvFormat(text);
}

function has(text: string, key: string): boolean {
  return new RegExp(`"${key}"\\s*:`).test(text);
}

function jsonFormat(text: string): EntryFormat {
  if (has(text, "master_metadata_track_name") || (has(text, "ts") && has(text, "ms_played"))) return "SPOTIFY_EXTENDED";
  if (has(text, "endTime") && has(text, "msPlayed")) {
    return has(text, "trackName") || !(has(text, "podcastName") || has(text, "episodeName")) ? "SPOTIFY_ACCOUNT" : null;
  }
  if (has(text, "recenttracks") || (/"track"\s*:\s*[[{]/.test(text) && (has(text, "@attr") || has(text, "#text")))) return "LASTFM_JSON";
  if (has(text, "listened_at") && has(text, "track_metadata")) return "LISTENBRAINZ";
  if (has(text, "header") && (has(text, "subtitles") || WATCH_URL.test(text))) return "YOUTUBE_MUSIC";
  return null;
}

/**
 * A watched video's link in a Takeout activity entry. The search history beside the watch
 * history has the same shape but links to searches only (and no channel `subtitles`): left out.
 */
const WATCH_URL = /"titleUrl"\s*:\s*"https?:\/\/(?:www\.|music\.|m\.)?youtube\.com\/(?:watch|shorts\/)/;

/**
 * Takeout's activity pages as HTML (its default): an `outer-cell` per activity. The watch history
 * links to watched videos; the search history beside it (and archive_browser.html) does not.
 */
function htmlFormat(text: string): EntryFormat {
  return /class="[^"]*\bouter-cell\b/.test(text) && HTML_WATCH_URL.test(text) ? "YOUTUBE_MUSIC" : null;
}

const HTML_WATCH_URL = /href="https?:\/\/(?:www\.|music\.|m\.)?youtube\.com\/(?:watch|shorts\/)/;

function csvFormat(text: string): EntryFormat {
  const lines = text.split(/\r?\n/, 6).filter((line) => line.trim().length > 0);
  const first = lines[0];
  if (first === undefined) return null;
  if (isGhanHeader(first)) return "LASTFM_CSV";
  if (looksLikeAppleHeader(first.split(",").map((name) => name.replace(/^"|"$/g, "")))) return "APPLE_MUSIC";
  // lastfm-to-csv: artist,album,track,date with a "22 May 2014 20:11" date (or empty: now playing)
  const dated = lines.filter((line) => {
    const fields = line.split(",");
    return (fields.length === 4 && parseLastfmToCsvDate(fields[3]!) !== null) || isQuotedLastfmToCsvLine(line);
  });
  return dated.length > 0 ? "LASTFM_CSV" : null;
}

const SNIFF_BYTES = 64 * 1024;
/** Takeout's HTML pages open with a long inline stylesheet before the first activity. */
const HTML_SNIFF_BYTES = 1024 * 1024;
const HTML_NAME = /\.html?$/i;

export type EntryFormats = {
  found: Map<ImportFormat, UploadEntry[]>;
  /** formats found under the services' own file names (see `entryFormats`) */
  named: Set<ImportFormat>;
  /** text files whose content matched no format (read with the format the user names, if any) */
  unrecognized: UploadEntry[];
};

/**
 * Every entry's format: by name when the services' file names say it, else from its content.
 * A whole archive holds more than the history: Takeout's My Activity repeats the watch history,
 * Spotify and Apple add files of their own. So a format found by name keeps only its named
 * entries, and outranks formats that only some file's content looked like (`chooseFormat`).
 */
export async function entryFormats(entries: UploadEntry[]): Promise<EntryFormats> {
  const byName = new Map<ImportFormat, UploadEntry[]>();
  const byContent = new Map<ImportFormat, UploadEntry[]>();
  const unrecognized: UploadEntry[] = [];
  for (const entry of entries) {
    let format = formatFromName(entry.name);
    let found = byName;
    if (format === "sniff") {
      const { text, html } = await sniffedText(entry);
      format = formatFromContent(text);
      // an unrecognized HTML page is no history of any format (archive_browser.html)
      if (format === null && !html) unrecognized.push(entry);
      found = byContent;
    }
    if (format === null) continue;
    const list = found.get(format) ?? [];
    list.push(entry);
    found.set(format, list);
  }
  preferJsonHistory(byName);
  preferJsonHistory(byContent);
  const found = new Map([...byContent, ...byName]);
  return { found, named: new Set(byName.keys()), unrecognized };
}

/** The first bytes of an entry as text; more of an HTML page (by its name or, for a plain upload, its first character). */
async function sniffedText(entry: UploadEntry): Promise<{ text: string; html: boolean }> {
  let html = HTML_NAME.test(entry.name);
  let head = await entryPrefix(entry, html ? HTML_SNIFF_BYTES : SNIFF_BYTES);
  let text = head.toString("utf8", bomLength(head));
  if (!html && text.trimStart().startsWith("<")) {
    html = true;
    if (head.length === SNIFF_BYTES) {
      head = await entryPrefix(entry, HTML_SNIFF_BYTES);
      text = head.toString("utf8", bomLength(head));
    }
  }
  return { text, html };
}

/**
 * A Takeout may hold the watch history both as JSON and as HTML (two exports unpacked together):
 * JSON's times are exact UTC, HTML's are local to the second, so the JSON is read alone (reading
 * both would count every play twice).
 */
function preferJsonHistory(found: Map<ImportFormat, UploadEntry[]>): void {
  const youtube = found.get("YOUTUBE_MUSIC");
  if (youtube?.some((entry) => !HTML_NAME.test(entry.name))) found.set("YOUTUBE_MUSIC", youtube.filter((entry) => !HTML_NAME.test(entry.name)));
}

/** The format to read when none is given: named formats first, each group in PRIORITY order. */
export function chooseFormat(found: Map<ImportFormat, UploadEntry[]>, named: Set<ImportFormat> = new Set()): ImportFormat | null {
  return PRIORITY.find((format) => named.has(format)) ?? PRIORITY.find((format) => found.has(format)) ?? null;
}
