import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import yazl from "yazl";
import { hashInt, seededRandom } from "./seededRandom.js";
import { syntheticCatalog } from "./syntheticCatalog.js";

/**
 * A realistic Spotify "Extended streaming history" export (formats.md, SPOTIFY_EXTENDED), made
 * up but shaped like the real thing: every field in the export's order, ts = END of the play,
 * ~3% podcast rows, ~10% short skips, some ms_played 0, some rows repeated a minute later,
 * era quirks (skipped null/false before 2023, offline_timestamp in seconds then milliseconds).
 */
export type SpotifyExtendedRow = {
  ts: string;
  platform: string;
  ms_played: number;
  conn_country: string;
  ip_addr: string;
  master_metadata_track_name: string | null;
  master_metadata_album_artist_name: string | null;
  master_metadata_album_album_name: string | null;
  spotify_track_uri: string | null;
  episode_name: string | null;
  episode_show_name: string | null;
  spotify_episode_uri: string | null;
  audiobook_title: null;
  audiobook_uri: null;
  audiobook_chapter_uri: null;
  audiobook_chapter_title: null;
  reason_start: string;
  reason_end: string;
  shuffle: boolean;
  skipped: boolean | null;
  offline: boolean;
  offline_timestamp: number | null;
  incognito_mode: boolean;
};

export type HistoryOptions = {
  rows: number;
  seed?: number;
  artists?: number;
  tracks?: number;
  /** first play's end; the history spans `years` from here */
  start?: Date;
  years?: number;
};

export const HISTORY_DEFAULTS = { seed: 42, artists: 20_000, tracks: 200_000, start: new Date("2013-01-01T00:00:00Z"), years: 12 };

const PLATFORMS_BY_ERA: [number, string[]][] = [
  [2016, ["Android OS 4.4.2 API 19 (samsung, GT-I9505)", "Windows 7 (6.1.7601; x64; SP1; S)", "iOS 8.1.2 (iPhone6,2)"]],
  [2020, ["Android OS 9 API 28 (samsung, SM-G960F)", "Windows 10 (10.0.17134; x64)", "web_player linux ;chrome 70.0.3538.77;desktop"]],
  [Infinity, ["android", "windows", "ios", "osx", "web_player"]],
];
const REASONS_START = ["trackdone", "clickrow", "fwdbtn", "backbtn", "appload", "playbtn", "remote"] as const;

function platformFor(year: number, choice: number): string {
  const platforms = PLATFORMS_BY_ERA.find(([until]) => year < until)![1];
  return platforms[choice % platforms.length]!;
}

/** The rows, in export order (oldest first). Deterministic for a given seed and options. */
export function* spotifyExtendedRows(options: HistoryOptions): Generator<SpotifyExtendedRow> {
  const { seed, artists, tracks, start, years } = { ...HISTORY_DEFAULTS, ...options };
  const random = seededRandom(seed);
  const catalog = syntheticCatalog(artists, tracks);
  const spanMs = years * 365.25 * 24 * 3600 * 1000;
  // plays average ~190 s; the pauses between them fill the span
  const meanPauseMs = Math.max(1_000, spanMs / Math.max(options.rows, 1) - 190_000);
  let cursor = start.getTime();
  let previous: SpotifyExtendedRow | null = null;

  for (let index = 0; index < options.rows; index++) {
    if (previous && previous.spotify_track_uri && random.chance(0.005)) {
      // the export's quirk: the same row again, ts a minute later
      const original: SpotifyExtendedRow = previous;
      const ts = Date.parse(original.ts) + 60_000;
      cursor = Math.max(cursor, ts + 1_000);
      const repeat: SpotifyExtendedRow = { ...original, ts: isoSeconds(ts) };
      previous = repeat;
      yield repeat;
      continue;
    }
    const year = new Date(cursor).getUTCFullYear();
    const session = hashInt(Math.floor(cursor / 3_600_000), seed);
    let row: SpotifyExtendedRow;
    let msPlayed: number;
    let reasonEnd: string;
    if (random.chance(0.03)) {
      const episode = random.int(0, 1_999);
      msPlayed = random.int(60_000, 3_600_000);
      reasonEnd = random.chance(0.7) ? "trackdone" : "endplay";
      row = baseRow(year, session, msPlayed, reasonEnd);
      row.episode_name = `Episode ${episode}: ${catalog.track(episode).title}`;
      row.episode_show_name = `The ${catalog.track(episode % 50).artist} Show`;
      row.spotify_episode_uri = catalog.track(episode).spotifyUri.replace("track", "episode");
    } else {
      const track = catalog.track(catalog.sampleTrack(random));
      const kind = random.next();
      if (kind < 0.01) {
        msPlayed = 0;
        reasonEnd = "endplay";
      } else if (kind < 0.11) {
        msPlayed = random.int(500, Math.min(29_000, track.durationMs - 1));
        reasonEnd = random.chance(0.8) ? "fwdbtn" : "backbtn";
      } else if (kind < 0.25) {
        msPlayed = random.int(30_000, Math.max(30_000, track.durationMs));
        reasonEnd = random.pick(["fwdbtn", "endplay", "logout", "unexpected-exit-while-paused"]);
      } else {
        msPlayed = track.durationMs;
        reasonEnd = "trackdone";
      }
      row = baseRow(year, session, msPlayed, reasonEnd);
      row.master_metadata_track_name = track.title;
      row.master_metadata_album_artist_name = track.artist;
      row.master_metadata_album_album_name = track.album;
      row.spotify_track_uri = track.spotifyUri;
    }
    row.reason_start = random.pick(REASONS_START);
    row.shuffle = (session & 1) === 1;
    const endMs = cursor + msPlayed;
    row.ts = isoSeconds(endMs);
    if (random.chance(0.05)) {
      row.offline = true;
      const startMs = endMs - msPlayed;
      row.offline_timestamp = year < 2020 ? Math.floor(startMs / 1000) : startMs;
    }
    // the next play starts after this one ends (seconds resolution), then a pause
    cursor = Math.ceil((endMs + 1) / 1000) * 1000 + Math.floor(-Math.log(1 - random.next()) * meanPauseMs);
    previous = row;
    yield row;
  }
}

function baseRow(year: number, session: number, msPlayed: number, reasonEnd: string): SpotifyExtendedRow {
  const isSkip = reasonEnd === "fwdbtn" || reasonEnd === "backbtn";
  return {
    ts: "",
    platform: platformFor(year, session),
    ms_played: msPlayed,
    conn_country: session % 10 === 0 ? "FR" : "DE",
    // documentation range (RFC 5737): no real addresses
    ip_addr: `203.0.113.${session % 256}`,
    master_metadata_track_name: null,
    master_metadata_album_artist_name: null,
    master_metadata_album_album_name: null,
    spotify_track_uri: null,
    episode_name: null,
    episode_show_name: null,
    spotify_episode_uri: null,
    audiobook_title: null,
    audiobook_uri: null,
    audiobook_chapter_uri: null,
    audiobook_chapter_title: null,
    reason_start: "",
    reason_end: reasonEnd,
    shuffle: false,
    // 2015–2022 exports carry null or always-false `skipped`
    skipped: year < 2018 ? null : year < 2023 ? false : isSkip,
    offline: false,
    offline_timestamp: year < 2020 ? 0 : null,
    incognito_mode: false,
  };
}

function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

export type HistoryFile = { name: string; content: Buffer; rows: number };

/**
 * The export's JSON files, each ~`fileBytes` of pretty-printed array (the real export splits at
 * ~12 MB), named Streaming_History_Audio_<first year>[-<last year>]_<N>.json. One file is held
 * in memory at a time.
 */
export function* spotifyExtendedFiles(options: HistoryOptions & { fileBytes?: number }): Generator<HistoryFile> {
  const fileBytes = options.fileBytes ?? 12_000_000;
  let parts: string[] = [];
  let bytes = 0;
  let firstYear = 0;
  let lastYear = 0;
  let fileIndex = 0;
  const flush = (): HistoryFile => {
    const years = firstYear === lastYear ? `${firstYear}` : `${firstYear}-${lastYear}`;
    const file = {
      name: `Streaming_History_Audio_${years}_${fileIndex++}.json`,
      content: Buffer.from(`[\n${parts.join(",\n")}\n]`, "utf8"),
      rows: parts.length,
    };
    parts = [];
    bytes = 0;
    return file;
  };
  for (const row of spotifyExtendedRows(options)) {
    const year = Number(row.ts.slice(0, 4));
    if (parts.length === 0) firstYear = year;
    lastYear = year;
    const text = `  ${JSON.stringify(row, null, 2).replaceAll("\n", "\n  ")}`;
    parts.push(text);
    bytes += text.length + 2;
    if (bytes >= fileBytes) yield flush();
  }
  if (parts.length > 0) yield flush();
}

export const EXPORT_FOLDER = "Spotify Extended Streaming History";

/** Video history rows: the importer must ignore this file. */
function videoHistory(seed: number): Buffer {
  const random = seededRandom(seed + 1);
  const rows = Array.from({ length: 25 }, (_, i) => ({
    ts: isoSeconds(Date.UTC(2021, 0, 1) + i * 86_400_000),
    platform: "android",
    ms_played: random.int(10_000, 900_000),
    conn_country: "DE",
    ip_addr: "203.0.113.7",
    master_metadata_track_name: null,
    master_metadata_album_artist_name: null,
    master_metadata_album_album_name: null,
    spotify_track_uri: null,
    episode_name: `Video episode ${i}`,
    episode_show_name: "A Video Podcast",
    spotify_episode_uri: `spotify:episode:${"V".repeat(20)}${String(i).padStart(2, "0")}`,
    reason_start: "clickrow",
    reason_end: "endplay",
    shuffle: false,
    skipped: false,
    offline: false,
    offline_timestamp: null,
    incognito_mode: false,
  }));
  return Buffer.from(JSON.stringify(rows, null, 2), "utf8");
}

const README_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
    "% Read Me First: Extended Streaming History (synthetic)\ntrailer << /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);

export type WrittenHistory = { rows: number; files: number; bytes: number };

/**
 * Writes my_spotify_data.zip with the audio files, the video file and a PDF, streaming: each
 * JSON file is generated, handed to the zip and written before the next one is made.
 */
export async function writeSpotifyExtendedZip(path: string, options: HistoryOptions & { fileBytes?: number }): Promise<WrittenHistory> {
  const zip = new yazl.ZipFile();
  const output = createWriteStream(path);
  zip.outputStream.pipe(output);
  // a fixed mtime keeps the archive byte-identical across runs
  const entryOptions = { mtime: new Date("2025-01-01T00:00:00Z") };
  zip.addBuffer(README_PDF, `${EXPORT_FOLDER}/ReadMeFirst_ExtendedStreamingHistory.pdf`, entryOptions);
  let rows = 0;
  let files = 0;
  let bytes = 0;
  for (const file of spotifyExtendedFiles(options)) {
    const stream = Readable.from([file.content]);
    zip.addReadStream(stream, `${EXPORT_FOLDER}/${file.name}`, entryOptions);
    rows += file.rows;
    files += 1;
    bytes += file.content.length;
    // wait until the zip has taken this file before making the next one (bounded memory)
    await once(stream, "end");
  }
  zip.addBuffer(videoHistory(options.seed ?? HISTORY_DEFAULTS.seed), `${EXPORT_FOLDER}/Streaming_History_Video_2021-2024.json`, entryOptions);
  zip.end();
  await finished(output);
  return { rows, files, bytes };
}
