import { createWriteStream } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import yazl from "yazl";

/**
 * Synthesized listening-history exports, one per format and variant, written as real files
 * (zips included) with the quirks of /work/shared/formats.md. Never real personal data.
 *
 * Every synthesizer takes plain plays (start time, msPlayed) and converts them to the source's
 * own convention (Spotify's END times, Last.fm's minutes…), so a test can compare what is stored
 * with what went in. With `quirks: true` it adds rows that must be skipped (podcasts, ads,
 * now-playing, msPlayed 0…); `skipRows` says how many, `playRows` how many plays should come out.
 */
export type ExportPlay = { artist: string; title: string; album?: string; startedAt: Date; msPlayed?: number };

export type ExportFile = {
  path: string;
  fileName: string;
  /** rows the parser must yield as plays */
  playRows: number;
  /** quirk rows the parser must yield as skips */
  skipRows: number;
};

type QuirkOptions = { quirks?: boolean };

let directory: Promise<string> | null = null;
let counter = 0;

/** A temporary folder for this process's export files (the OS cleans tmp). */
export function exportDirectory(): Promise<string> {
  directory ??= mkdtemp(join(tmpdir(), "tonearm-exports-"));
  return directory;
}

async function freshPath(fileName: string): Promise<string> {
  return join(await exportDirectory(), `${++counter}-${fileName}`);
}

/** Plays spaced five minutes apart from 2024-03-01T12:00:00Z: "Artist i" / "Title i". */
export function samplePlays(count: number, start = Date.UTC(2024, 2, 1, 12)): ExportPlay[] {
  return Array.from({ length: count }, (_, index) => ({
    artist: `Artist ${index % 7}`,
    title: `Title ${index}`,
    album: index % 3 === 0 ? undefined : `Album ${index % 5}`,
    startedAt: new Date(start + index * 300_000),
    msPlayed: 60_000 + index,
  }));
}

const msOf = (play: ExportPlay) => play.msPlayed ?? 180_000;
const isoSeconds = (time: number) => new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z");

// ---------------------------------------------------------------- zips

export type ZipFileSpec = { name: string; content: string | Buffer; store?: boolean };

/** Writes a zip with yazl (deflated unless `store`). */
export async function writeZip(fileName: string, files: ZipFileSpec[]): Promise<string> {
  const path = await freshPath(fileName);
  await writeZipTo(path, files);
  return path;
}

async function writeZipTo(path: string, files: ZipFileSpec[]): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const file of files) {
    zip.addBuffer(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, "utf8"), file.name, {
      compress: !file.store,
      mtime: new Date(Date.UTC(2024, 0, 1)),
    });
  }
  zip.end();
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  await once(out, "close");
}

async function zipBuffer(files: ZipFileSpec[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const file of files) zip.addBuffer(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, "utf8"), file.name);
  zip.end();
  const parts: Buffer[] = [];
  for await (const chunk of zip.outputStream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

async function writeText(fileName: string, content: string | Buffer): Promise<string> {
  const path = await freshPath(fileName);
  await writeFile(path, content);
  return path;
}

/** A small zip holding `megabytes` of zeros under a Spotify file name: a compression-ratio bomb. */
export async function zipBomb(megabytes = 32): Promise<ExportFile> {
  const path = await writeZip("my_spotify_data.zip", [
    { name: "Spotify Extended Streaming History/Streaming_History_Audio_2020_0.json", content: Buffer.alloc(megabytes * 1024 * 1024) },
  ]);
  return { path, fileName: "my_spotify_data.zip", playRows: 0, skipRows: 0 };
}

// ---------------------------------------------------------------- Spotify extended

type SpotifyExtendedOptions = QuirkOptions & {
  /** "current": Streaming_History_Audio_*.json with `skipped`; "endsong": older endsong_*.json, skipped null */
  era?: "current" | "endsong";
  /** repeat the second play's row with `ts` a minute later, as real exports sometimes do */
  repeatedRow?: boolean;
};

/** Spotify extended-history records: ts is the END (start + ms_played). */
export function spotifyExtendedRecords(plays: ExportPlay[], options: SpotifyExtendedOptions = {}): { records: object[]; skipRows: number } {
  const endsong = options.era === "endsong";
  const records: object[] = plays.map((play, index) => {
    const end = play.startedAt.getTime() + msOf(play);
    return {
      ts: isoSeconds(end),
      ...(endsong ? { username: "someone", ip_addr_decrypted: "192.0.2.1", user_agent_decrypted: "unknown" } : { ip_addr: "192.0.2.1" }),
      platform: index % 2 === 0 ? "android" : "ios",
      ms_played: msOf(play),
      conn_country: "NL",
      master_metadata_track_name: options.quirks && index === 0 ? `${play.title}  ` : play.title,
      master_metadata_album_artist_name: play.artist,
      master_metadata_album_album_name: play.album ?? null,
      spotify_track_uri: `spotify:track:${base62Id(index)}`,
      episode_name: null,
      episode_show_name: null,
      spotify_episode_uri: null,
      reason_start: "trackdone",
      reason_end: msOf(play) < 30_000 ? "fwdbtn" : "trackdone",
      shuffle: false,
      skipped: endsong ? null : false,
      offline: false,
      offline_timestamp: endsong ? Math.floor(end / 1000) : end,
      incognito_mode: false,
    };
  });
  if (options.repeatedRow && records.length > 1) {
    const row = records[1] as { ts: string };
    records.splice(2, 0, { ...row, ts: isoSeconds(Date.parse(row.ts) + 60_000) });
  }
  if (!options.quirks) return { records, skipRows: 0 };
  const base = { ts: "2024-02-01T10:00:00Z", platform: "android", conn_country: "NL", master_metadata_track_name: null };
  records.splice(
    Math.min(1, records.length),
    0,
    { ...base, ms_played: 1_200_000, episode_name: "Episode 1", episode_show_name: "A Show", spotify_episode_uri: "spotify:episode:0123456789abcdefghijkl" },
    { ...base, ms_played: 600_000, audiobook_title: "A Book", audiobook_uri: "spotify:audiobook:0123456789abcdefghijkl" },
    {
      ...base,
      ms_played: 0,
      master_metadata_track_name: "Never Heard",
      master_metadata_album_artist_name: "Zero",
      spotify_track_uri: `spotify:track:${base62Id(999_999)}`,
    },
  );
  return { records, skipRows: 3 };
}

/** A 22-character base62 id derived from `n`. */
export function base62Id(n: number): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  let id = "";
  let value = n + 1;
  while (value > 0) {
    id = alphabet[value % 62] + id;
    value = Math.floor(value / 62);
  }
  return id.padStart(22, "x");
}

/** One pretty-printed Streaming_History_Audio_*.json (or endsong_0.json), streamed to disk row by row. */
export async function spotifyExtendedJson(plays: ExportPlay[], options: SpotifyExtendedOptions = {}): Promise<ExportFile> {
  const { records, skipRows } = spotifyExtendedRecords(plays, options);
  const fileName = options.era === "endsong" ? "endsong_0.json" : "Streaming_History_Audio_2024_0.json";
  const path = await freshPath(fileName);
  await writeJsonArray(path, records);
  return { path, fileName, playRows: plays.length, skipRows };
}

/** Writes a pretty-printed JSON array without building one huge string (benchmarks write 1M rows). */
export async function writeJsonArray(path: string, records: Iterable<object>): Promise<void> {
  const out = createWriteStream(path);
  let batch: string[] = [];
  let first = true;
  const flush = async () => {
    if (batch.length === 0) return;
    if (!out.write(batch.join(""))) await once(out, "drain");
    batch = [];
  };
  out.write("[");
  for (const record of records) {
    batch.push(`${first ? "\n" : ",\n"}  ${JSON.stringify(record, null, 2).replace(/\n/g, "\n  ")}`);
    first = false;
    if (batch.length >= 1000) await flush();
  }
  await flush();
  out.end("\n]\n");
  await once(out, "close");
}

/**
 * my_spotify_data.zip: `Spotify Extended Streaming History/` with the audio history split into
 * files of `perFile` rows, beside a PDF and a video-history file (both ignored).
 */
export async function spotifyExtendedZip(plays: ExportPlay[], options: SpotifyExtendedOptions & { perFile?: number } = {}): Promise<ExportFile> {
  const { records, skipRows } = spotifyExtendedRecords(plays, options);
  const perFile = options.perFile ?? 10_000;
  const folder = "Spotify Extended Streaming History/";
  const files: ZipFileSpec[] = [
    { name: `${folder}ReadMeFirst_ExtendedStreamingHistory.pdf`, content: Buffer.from("%PDF-1.4\n% not a real pdf\n") },
    {
      name: `${folder}Streaming_History_Video_2024.json`,
      content: JSON.stringify([{ ts: "2024-01-01T00:00:00Z", ms_played: 1000, master_metadata_track_name: null, spotify_episode_uri: "spotify:episode:x" }]),
    },
  ];
  for (let start = 0, part = 0; start < records.length || part === 0; start += perFile, part++) {
    const name = options.era === "endsong" ? `endsong_${part}.json` : `Streaming_History_Audio_2024_${part}.json`;
    files.push({ name: `${folder}${name}`, content: JSON.stringify(records.slice(start, start + perFile), null, 2) });
  }
  const path = await writeZip("my_spotify_data.zip", files);
  return { path, fileName: "my_spotify_data.zip", playRows: plays.length, skipRows };
}

// ---------------------------------------------------------------- Spotify account data

type SpotifyAccountOptions = QuirkOptions & { variant?: "music" | "legacy" };

/** endTime = start + msPlayed cut to the minute, in UTC; pretty-printed as `"key" : value`. */
function spotifyAccountContent(plays: ExportPlay[], options: SpotifyAccountOptions): { content: string; skipRows: number } {
  const rows = plays.map((play) => ({
    endTime: new Date(play.startedAt.getTime() + msOf(play)).toISOString().slice(0, 16).replace("T", " "),
    artistName: play.artist,
    trackName: play.title,
    msPlayed: msOf(play),
  }));
  let skipRows = 0;
  if (options.quirks) {
    rows.push(
      { endTime: "2024-01-02 10:00", artistName: "Unknown Artist", trackName: "Unknown Track", msPlayed: 120_000 },
      { endTime: "2024-01-02 10:05", artistName: "Someone", trackName: "Zero Seconds", msPlayed: 0 },
    );
    skipRows = 2;
  }
  const content = `[\n${rows.map((row) => `  ${JSON.stringify(row, null, 4).replace(/": /g, '" : ').replace(/\n/g, "\n  ")}`).join(",\n")}\n]`;
  return { content, skipRows };
}

/** StreamingHistory_music_0.json (or the older StreamingHistory0.json). */
export async function spotifyAccountJson(plays: ExportPlay[], options: SpotifyAccountOptions = {}): Promise<ExportFile> {
  const { content, skipRows } = spotifyAccountContent(plays, options);
  const fileName = options.variant === "legacy" ? "StreamingHistory0.json" : "StreamingHistory_music_0.json";
  return { path: await writeText(fileName, content), fileName, playRows: plays.length, skipRows };
}

/** my_spotify_data.zip with `Spotify Account Data/`: music history beside a podcast history and Userdata.json. */
export async function spotifyAccountZip(plays: ExportPlay[], options: SpotifyAccountOptions = {}): Promise<ExportFile> {
  const { content, skipRows } = spotifyAccountContent(plays, options);
  const folder = "Spotify Account Data/";
  const path = await writeZip("my_spotify_data.zip", [
    { name: `${folder}StreamingHistory_music_0.json`, content },
    {
      name: `${folder}StreamingHistory_podcast_0.json`,
      content: JSON.stringify([{ endTime: "2024-01-01 10:00", podcastName: "A Show", episodeName: "Episode", msPlayed: 60_000 }], null, 2),
    },
    { name: `${folder}Userdata.json`, content: JSON.stringify({ username: "someone", country: "NL" }) },
  ]);
  return { path, fileName: "my_spotify_data.zip", playRows: plays.length, skipRows };
}

// ---------------------------------------------------------------- Last.fm CSV

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "22 May 2014 20:11" in UTC (lastfm-to-csv). */
export function lastfmToCsvDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCDate())} ${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/**
 * lastfm-to-csv (no header, no quoting, commas and quotes deleted, minute precision) or ghan.nl
 * (quoted header `uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid`). Quirks:
 * BOM, CRLF, trailing spaces, an empty album, and the now-playing row (empty date) first.
 */
export async function lastfmCsv(plays: ExportPlay[], options: QuirkOptions & { variant?: "lastfm-to-csv" | "ghan" } = {}): Promise<ExportFile> {
  const quirks = options.quirks ?? false;
  const eol = quirks ? "\r\n" : "\n";
  const lines: string[] = [];
  const newestFirst = [...plays].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  if (options.variant === "ghan") {
    const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
    lines.push(["uts", "utc_time", "artist", "artist_mbid", "album", "album_mbid", "track", "track_mbid"].map(quote).join(","));
    if (quirks) lines.push(["", "", "Now Artist", "", "", "", "Now Playing", ""].map(quote).join(","));
    for (const play of newestFirst) {
      const seconds = Math.floor(play.startedAt.getTime() / 1000);
      const values = [String(seconds), lastfmToCsvDate(play.startedAt), play.artist + (quirks ? " " : ""), "", play.album ?? "", "", play.title, ""];
      lines.push(values.map(quote).join(","));
    }
  } else {
    const clean = (value: string) => value.replace(/[,"]/g, "");
    if (quirks) lines.push("Now Artist,Now Album,Now Playing,");
    for (const play of newestFirst) {
      lines.push([clean(play.artist) + (quirks ? " " : ""), clean(play.album ?? ""), clean(play.title), lastfmToCsvDate(play.startedAt)].join(","));
    }
  }
  const text = (quirks ? "\uFEFF" : "") + lines.join(eol) + eol;
  const fileName = options.variant === "ghan" ? "scrobbles-someone.csv" : "someone.csv";
  return { path: await writeText(fileName, text), fileName, playRows: plays.length, skipRows: quirks ? 1 : 0 };
}

// ---------------------------------------------------------------- Last.fm JSON

type LastfmJsonOptions = QuirkOptions & {
  /** "page": one `{"recenttracks":…}`; "pages": an array of them; "unwrapped": ghan.nl's array of pages without the wrapper */
  shape?: "page" | "pages" | "unwrapped";
  perPage?: number;
};

/** user.getRecentTracks pages, newest first, every number a string; quirk: the now-playing track on page 1. */
export async function lastfmJson(plays: ExportPlay[], options: LastfmJsonOptions = {}): Promise<ExportFile> {
  const shape = options.shape ?? "pages";
  const newestFirst = [...plays].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  const tracks: object[] = newestFirst.map((play, index) => {
    const uts = Math.floor(play.startedAt.getTime() / 1000);
    return {
      artist: index % 2 === 0 ? { mbid: "", "#text": play.artist } : { name: play.artist, mbid: "", url: "https://www.last.fm/music/x" },
      streamable: "0",
      image: [{ size: "small", "#text": "" }],
      mbid: "",
      album: { mbid: "", "#text": play.album ?? "" },
      name: play.title,
      url: "https://www.last.fm/music/x/_/y",
      date: { uts: String(uts), "#text": lastfmToCsvDate(play.startedAt) },
    };
  });
  if (options.quirks) {
    tracks.unshift({ artist: { mbid: "", "#text": "Now Artist" }, name: "Now Playing", album: { mbid: "", "#text": "" }, "@attr": { nowplaying: "true" } });
  }
  const perPage = shape === "page" ? Math.max(tracks.length, 1) : (options.perPage ?? 200);
  const pages: object[] = [];
  for (let start = 0, page = 1; start < tracks.length || page === 1; start += perPage, page++) {
    const body = {
      track: tracks.slice(start, start + perPage),
      "@attr": { user: "someone", page: String(page), perPage: String(perPage), totalPages: "1", total: String(plays.length) },
    };
    pages.push(shape === "unwrapped" ? body : { recenttracks: body });
  }
  const content = JSON.stringify(shape === "page" ? pages[0] : pages);
  const fileName = shape === "unwrapped" ? "someone-scrobbles.json" : "recenttracks.json";
  return { path: await writeText(fileName, content), fileName, playRows: plays.length, skipRows: options.quirks ? 1 : 0 };
}

// ---------------------------------------------------------------- ListenBrainz

/** A ListenBrainz listen; every other one carries MBIDs and an mbid_mapping with artist credits. */
export function listenbrainzListen(play: ExportPlay, index: number): object {
  const listenedAt = Math.floor(play.startedAt.getTime() / 1000);
  const mapped = index % 2 === 1;
  const artistMbid = `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
  return {
    inserted_at: listenedAt + 5,
    listened_at: listenedAt,
    recording_msid: `10000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
    track_metadata: {
      artist_name: play.artist,
      track_name: play.title,
      release_name: play.album ?? null,
      recording_msid: `10000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
      additional_info: {
        duration_ms: msOf(play),
        submission_client: "Web Scrobbler",
        music_service: "spotify.com",
        spotify_id: `https://open.spotify.com/track/${base62Id(index)}`,
        ...(mapped ? { isrc: `NLA1${String(index).padStart(8, "0")}`.slice(0, 12) } : {}),
      },
      mbid_mapping: mapped
        ? {
            recording_mbid: `20000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
            release_mbid: `30000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
            artist_mbids: [artistMbid],
            artists: [{ artist_credit_name: play.artist, join_phrase: "", artist_mbid: artistMbid }],
            caa_id: null,
          }
        : null,
    },
    user_name: "someone",
  };
}

/** The current export: listenbrainz_<user>_<unix>.zip with user.json, listens/<YYYY>/<M>.jsonl, feedback.jsonl. */
export async function listenbrainzZip(plays: ExportPlay[]): Promise<ExportFile> {
  const byMonth = new Map<string, string[]>();
  plays.forEach((play, index) => {
    const name = `listens/${play.startedAt.getUTCFullYear()}/${play.startedAt.getUTCMonth() + 1}.jsonl`;
    const lines = byMonth.get(name) ?? [];
    lines.push(JSON.stringify(listenbrainzListen(play, index)));
    byMonth.set(name, lines);
  });
  const fileName = "listenbrainz_someone_1700000000.zip";
  const path = await writeZip(fileName, [
    { name: "user.json", content: JSON.stringify({ user_id: 1, username: "someone" }) },
    { name: "feedback.jsonl", content: JSON.stringify({ recording_msid: "x", score: 1 }) + "\n" },
    { name: "pinned_recording.jsonl", content: "" },
    ...[...byMonth].map(([name, lines]) => ({ name, content: lines.join("\n") + "\n" })),
  ]);
  return { path, fileName, playRows: plays.length, skipRows: 0 };
}

/** The older export: one JSON array, newest first. */
export async function listenbrainzJson(plays: ExportPlay[]): Promise<ExportFile> {
  const listens = plays.map(listenbrainzListen).reverse();
  const fileName = "someone_lb-2024-03-01.json";
  return { path: await writeText(fileName, JSON.stringify(listens, null, 2)), fileName, playRows: plays.length, skipRows: 0 };
}

/** A bare .jsonl file. */
export async function listenbrainzJsonl(plays: ExportPlay[]): Promise<ExportFile> {
  const fileName = "listens.jsonl";
  const content = plays.map((play, index) => JSON.stringify(listenbrainzListen(play, index))).join("\n") + "\n";
  return { path: await writeText(fileName, content), fileName, playRows: plays.length, skipRows: 0 };
}

// ---------------------------------------------------------------- Apple Music

type AppleOptions = QuirkOptions & {
  /** "legacy" (2015–2018: Artist Name, Content Name) or "current" (Song Name, no artist column) */
  vintage?: "legacy" | "current";
  /** split every play into two PLAY_END segments a few seconds apart (a pause) */
  segments?: boolean;
};

const CURRENT_HEADER = [
  "Album Name", "Apple ID Number", "Apple Music Subscription", "Build Version", "Client IP Address", "Container Album Name",
  "Container Artist Name", "Container Type", "Device Identifier", "End Position In Milliseconds", "End Reason Type",
  "Event End Timestamp", "Event Reason Hint Type", "Event Received Timestamp", "Event Start Timestamp", "Event Type",
  "Item Type", "Media Duration In Milliseconds", "Media Type", "Play Duration Milliseconds", "Song Name",
  "Start Position In Milliseconds", "UTC Offset In Seconds", "User\u2019s Audio Quality",
];
const LEGACY_HEADER = [
  "Apple ID Number", "Artist Name", "Build Version", "Content Name", "Content Provider", "End Position In Milliseconds",
  "End Reason Type", "Event End Timestamp", "Event Start Timestamp", "Event Type", "Item Type", "Media Duration In Milliseconds",
  "Media Type", "Play Duration Milliseconds", "Start Position In Milliseconds", "UTC Offset In Seconds",
];

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Apple Music Play Activity.csv: PLAY_START + PLAY_END rows per play, unsorted (rows are
 * interleaved in a fixed shuffle). Quirks: an AD row, a video row, a PLAY_END of 0 ms. With
 * `segments`, each play is two PLAY_END rows split by a 5-second pause (merge them back).
 */
export function appleMusicCsv(plays: ExportPlay[], options: AppleOptions = {}): { content: string; skipRows: number } {
  const legacy = options.vintage === "legacy";
  const header = legacy ? LEGACY_HEADER : CURRENT_HEADER;
  const rows: Record<string, string>[] = [];
  const mediaMs = (play: ExportPlay) => Math.max(msOf(play), 200_000);
  const row = (play: ExportPlay, fields: Record<string, string>) => ({
    [legacy ? "Content Name" : "Song Name"]: play.title,
    ...(legacy ? { "Artist Name": play.artist } : { "Album Name": play.album ?? "", "Container Type": "ALBUM" }),
    "Item Type": "ORIGINAL_CONTENT",
    "Media Type": "AUDIO",
    "Media Duration In Milliseconds": `${mediaMs(play)}.0`,
    "UTC Offset In Seconds": "3600",
    "User\u2019s Audio Quality": "HIGH_QUALITY",
    ...fields,
  });
  const iso = (time: number, withMs: boolean) => (withMs ? new Date(time).toISOString() : isoSeconds(time));
  let skipRows = 0;
  plays.forEach((play, index) => {
    const start = play.startedAt.getTime();
    const played = msOf(play);
    rows.push(row(play, { "Event Type": "PLAY_START", "Event Start Timestamp": iso(start, true) }));
    skipRows++;
    const endReason = played >= mediaMs(play) ? "NATURAL_END_OF_TRACK" : "TRACK_SKIPPED_FORWARDS";
    if (options.segments) {
      const first = Math.floor(played / 2);
      rows.push(
        row(play, {
          "Event Type": "PLAY_END",
          "Event Start Timestamp": iso(start, index % 2 === 0),
          "Event End Timestamp": iso(start + first, false),
          "Play Duration Milliseconds": String(first),
          "End Reason Type": "PLAYBACK_MANUALLY_PAUSED",
        }),
        row(play, {
          "Event Type": "PLAY_END",
          "Event Start Timestamp": iso(start + first + 5_000, false),
          "Event End Timestamp": iso(start + played + 5_000, false),
          "Play Duration Milliseconds": String(played - first),
          "End Reason Type": endReason,
        }),
      );
    } else {
      rows.push(
        row(play, {
          "Event Type": "PLAY_END",
          "Event Start Timestamp": index % 3 === 2 ? "" : iso(start, index % 2 === 0),
          "Event End Timestamp": iso(start + played, false),
          "Play Duration Milliseconds": String(played),
          "End Reason Type": endReason,
        }),
      );
    }
  });
  if (options.quirks) {
    const base = { title: "Quirk", artist: "Quirk Artist", startedAt: new Date(Date.UTC(2024, 0, 5)), msPlayed: 30_000 };
    rows.push(
      row(base, { "Event Type": "PLAY_END", "Item Type": "AD", "Event Start Timestamp": "2024-01-05T00:00:00Z", "Play Duration Milliseconds": "30000" }),
      row(base, { "Event Type": "PLAY_END", "Media Type": "VIDEO", "Event Start Timestamp": "2024-01-05T00:01:00Z", "Play Duration Milliseconds": "30000" }),
      row(base, { "Event Type": "PLAY_END", "Event Start Timestamp": "2024-01-05T00:02:00Z", "Play Duration Milliseconds": "0" }),
    );
    skipRows += 3;
  }
  // Apple's rows are unsorted: interleave from both ends, deterministically
  const shuffled: Record<string, string>[] = [];
  for (let low = 0, high = rows.length - 1; low <= high; low++, high--) {
    shuffled.push(rows[high]!);
    if (low !== high) shuffled.push(rows[low]!);
  }
  const lines = [header.map(csvField).join(","), ...shuffled.map((fields) => header.map((name) => csvField(fields[name] ?? "")).join(","))];
  return { content: lines.join("\r\n") + "\r\n", skipRows };
}

/**
 * Apple's nested archive: `Apple Media Services information.zip` → `Apple_Media_Services.zip` →
 * `Apple Music Activity/Apple Music Play Activity.csv`, beside other Apple files.
 */
export async function appleMusicZip(plays: ExportPlay[], options: AppleOptions = {}): Promise<ExportFile> {
  const { content, skipRows } = appleMusicCsv(plays, options);
  const inner = await zipBuffer([
    { name: "Apple Music Activity/Apple Music Play Activity.csv", content },
    { name: "Apple Music Activity/Apple Music Library Tracks.json", content: "[]" },
    { name: "Apple Music Activity/Apple Music - Recently Played Tracks.csv", content: "Track Description,Last Played Date\n" },
  ]);
  const fileName = "Apple Media Services information.zip";
  const path = await writeZip(fileName, [
    { name: "Apple_Media_Services.zip", content: inner, store: true },
    { name: "Apple ID account and device information/Devices.csv", content: "Device,Serial\n" },
  ]);
  return { path, fileName, playRows: plays.length, skipRows };
}

/** Apple Music Play Activity.csv on its own. */
export async function appleMusicCsvFile(plays: ExportPlay[], options: AppleOptions = {}): Promise<ExportFile> {
  const { content, skipRows } = appleMusicCsv(plays, options);
  const fileName = "Apple Music Play Activity.csv";
  return { path: await writeText(fileName, content), fileName, playRows: plays.length, skipRows };
}

// ---------------------------------------------------------------- YouTube Music (Google Takeout)

/**
 * watch-history.json, newest first: each play from its "<Artist> - Topic" channel. Quirks: a
 * YouTube (non-music) video, a deleted video, an ad, Google's \u003d escapes and times with the
 * .000 fraction omitted. With `uploader: true` every other play comes from a VEVO-like channel
 * as "Artist - Title (Official Video)".
 */
export function takeoutWatchHistory(plays: ExportPlay[], options: QuirkOptions & { uploader?: boolean } = {}): { content: string; skipRows: number } {
  const entries: object[] = plays.map((play, index) => {
    const fromUploader = options.uploader && index % 2 === 1;
    return {
      header: "YouTube Music",
      title: fromUploader ? `Watched ${play.artist} - ${play.title} (Official Video)` : `Watched ${play.title}`,
      titleUrl: `https://music.youtube.com/watch?v\u003d${base62Id(index).slice(0, 11)}`,
      subtitles: [{ name: fromUploader ? `${play.artist.replace(/\s/g, "")}VEVO` : `${play.artist} - Topic`, url: "https://www.youtube.com/channel/x" }],
      time: index % 2 === 0 ? isoSeconds(play.startedAt.getTime()) : play.startedAt.toISOString(),
      products: ["YouTube"],
      activityControls: ["YouTube watch history"],
    };
  });
  let skipRows = 0;
  if (options.quirks) {
    entries.push(
      { header: "YouTube", title: "Watched How to fix a bike", titleUrl: "https://www.youtube.com/watch?v\u003dabc", subtitles: [{ name: "Bikes" }], time: "2024-01-01T10:00:00Z" },
      { header: "YouTube Music", title: "Watched https://music.youtube.com/watch?v\u003dgone", time: "2024-01-01T09:00:00Z" },
      {
        header: "YouTube Music",
        title: "Watched Buy Things",
        titleUrl: "https://www.youtube.com/watch?v\u003dad",
        time: "2024-01-01T08:00:00.123Z",
        details: [{ name: "From Google Ads" }],
      },
    );
    skipRows = 3;
  }
  const newestFirst = entries.sort((a, b) => ((b as { time: string }).time > (a as { time: string }).time ? 1 : -1));
  // Google escapes = ' & as \u003d \u0027 \u0026
  const content = JSON.stringify(newestFirst, null, 2).replace(/=/g, "\\u003d").replace(/'/g, "\\u0027").replace(/&/g, "\\u0026");
  return { content, skipRows };
}

/** A Google Takeout zip with watch-history.json beside search history and an archive browser page. */
export async function takeoutZip(plays: ExportPlay[], options: QuirkOptions & { uploader?: boolean } = {}): Promise<ExportFile> {
  const { content, skipRows } = takeoutWatchHistory(plays, options);
  const folder = "Takeout/YouTube and YouTube Music/";
  const fileName = "takeout-20240301T000000Z-001.zip";
  const path = await writeZip(fileName, [
    { name: "Takeout/archive_browser.html", content: "<html></html>" },
    { name: `${folder}history/search-history.json`, content: JSON.stringify([{ header: "YouTube", title: "Searched for x", time: "2024-01-01T00:00:00Z" }]) },
    { name: `${folder}subscriptions/subscriptions.csv`, content: "Channel Id,Channel Url,Channel Title\n" },
    { name: `${folder}history/watch-history.json`, content },
  ]);
  return { path, fileName, playRows: plays.length, skipRows };
}

/** watch-history.json on its own. */
export async function takeoutJson(plays: ExportPlay[], options: QuirkOptions & { uploader?: boolean } = {}): Promise<ExportFile> {
  const { content, skipRows } = takeoutWatchHistory(plays, options);
  return { path: await writeText("watch-history.json", content), fileName: "watch-history.json", playRows: plays.length, skipRows };
}

/**
 * watch-history.html, Takeout's default format, newest first, in the shape Takeout writes it (an
 * `outer-cell` per activity: header cell, body "Watched <a>title</a><br><a>channel</a><br>time",
 * an empty right-hand cell, a caption with Products / Details / Why is this here?), behind a
 * long inline stylesheet. Times are local with a zone: `en-US` "Mar 1, 2024, 7:00:00\u202fAM EST",
 * `en-GB` "1 Mar 2024, 12:00:00 GMT", `de` "01.03.2024, 13:00:00 MEZ" (entries "<title> angesehen",
 * channels "<Artist> - Thema"). Titles are entity-escaped (&amp; &#39;). Quirks: a YouTube video,
 * a deleted video (its URL as title, no channel line), an ad ("From Google Ads").
 */
export function takeoutWatchHistoryHtml(plays: ExportPlay[], options: QuirkOptions & { style?: "en-US" | "en-GB" | "de" } = {}): { content: string; skipRows: number } {
  const style = options.style ?? "en-US";
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&#39;").replace(/"/g, "&quot;");
  const two = (n: number) => String(n).padStart(2, "0");
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const localTime = (time: number): string => {
    const offsetHours = { "en-US": -5, "en-GB": 0, de: 1 }[style];
    const local = new Date(time + offsetHours * 3_600_000);
    const [y, mo, d, h, mi, se] = [local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds()];
    if (style === "de") return `${two(d)}.${two(mo + 1)}.${y}, ${two(h)}:${two(mi)}:${two(se)} MEZ`;
    if (style === "en-GB") return `${d} ${months[mo]} ${y}, ${two(h)}:${two(mi)}:${two(se)} GMT`;
    return `${months[mo]} ${d}, ${y}, ${h % 12 === 0 ? 12 : h % 12}:${two(mi)}:${two(se)}&#8239;${h < 12 ? "AM" : "PM"} EST`;
  };
  const watched = (link: string) => (style === "de" ? `${link}&nbsp;angesehen` : `Watched&nbsp;${link}`);
  const topic = style === "de" ? "Thema" : "Topic";
  type Activity = { time: number; header: string; body: string; ad?: boolean };
  const activity = ({ header, body, ad }: Activity) =>
    '<div class="outer-cell mdl-cell mdl-cell--12-col mdl-shadow--2dp"><div class="mdl-grid">' +
    `<div class="header-cell mdl-cell mdl-cell--12-col"><p class="mdl-typography--title">${header}<br></p></div>` +
    `<div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1">${body}<br></div>` +
    '<div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1 mdl-typography--text-right"></div>' +
    `<div class="content-cell mdl-cell mdl-cell--12-col mdl-typography--caption"><b>Products:</b><br>&emsp;YouTube<br>${ad ? "<b>Details:</b><br>&emsp;From Google Ads<br>" : ""}` +
    "<b>Why is this here?</b><br>&emsp;This activity was saved to your Google Account because the following settings were on:&nbsp;YouTube watch history.&nbsp;You can control these settings &nbsp;" +
    '<a href="https://myaccount.google.com/activitycontrols">here</a>.</div></div></div>';
  const entries: Activity[] = plays.map((play, index) => {
    const time = play.startedAt.getTime();
    const link = `<a href="https://music.youtube.com/watch?v=${base62Id(index).slice(0, 11)}">${escape(play.title)}</a>`;
    const channel = `<a href="https://www.youtube.com/channel/UC${base62Id(index)}">${escape(`${play.artist} - ${topic}`)}</a>`;
    return { time, header: "YouTube&nbsp;Music", body: `${watched(link)}<br>${channel}<br>${localTime(time)}` };
  });
  let skipRows = 0;
  if (options.quirks) {
    const at = Date.UTC(2024, 0, 1, 10);
    const gone = "https://music.youtube.com/watch?v=gone";
    entries.push(
      { time: at, header: "YouTube", body: `${watched('<a href="https://www.youtube.com/watch?v=abc">How to fix a bike</a>')}<br><a href="https://www.youtube.com/channel/UCb">Bikes</a><br>${localTime(at)}` },
      { time: at - 3_600_000, header: "YouTube Music", body: `${watched(`<a href="${gone}">${gone}</a>`)}<br>${localTime(at - 3_600_000)}` },
      { time: at - 7_200_000, header: "YouTube Music", ad: true, body: `${watched('<a href="https://www.youtube.com/watch?v=ad">Buy Things</a>')}<br>${localTime(at - 7_200_000)}` },
    );
    skipRows = 3;
  }
  entries.sort((a, b) => b.time - a.time);
  const style_ = `<style>${".mdl-cell{box-sizing:border-box;margin:8px}\n".repeat(2_000)}</style>`;
  const content =
    `<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><title>${style === "de" ? "Verlauf" : "History"}</title>${style_}</head>` +
    `<body><div class="mdl-grid">\n${entries.map(activity).join("\n")}\n</div></body></html>`;
  return { content, skipRows };
}

/** A Google Takeout zip whose watch history is watch-history.html (Takeout's default), beside search-history.html. */
export async function takeoutHtmlZip(plays: ExportPlay[], options: QuirkOptions & { style?: "en-US" | "en-GB" | "de" } = {}): Promise<ExportFile> {
  const { content, skipRows } = takeoutWatchHistoryHtml(plays, options);
  const folder = options.style === "de" ? "Takeout/YouTube und YouTube Music/Verlauf/" : "Takeout/YouTube and YouTube Music/history/";
  const name = options.style === "de" ? "Wiedergabeverlauf.html" : "watch-history.html";
  const fileName = "takeout-20240301T000000Z-001.zip";
  const search =
    '<html><body><div class="mdl-grid"><div class="outer-cell mdl-cell"><div class="mdl-grid"><div class="header-cell"><p>YouTube<br></p></div>' +
    '<div class="content-cell mdl-typography--body-1">Searched for&nbsp;<a href="https://www.youtube.com/results?search_query=x">x</a><br>Jan 1, 2024, 12:00:00 AM UTC<br></div></div></div></div></body></html>';
  const path = await writeZip(fileName, [
    { name: "Takeout/archive_browser.html", content: "<html></html>" },
    { name: `${folder}search-history.html`, content: search },
    { name: `${folder}${name}`, content },
  ]);
  return { path, fileName, playRows: plays.length, skipRows };
}

/** Any bytes under any name (bad-input tests). */
export async function rawFile(fileName: string, content: string | Buffer): Promise<ExportFile> {
  return { path: await writeText(fileName, content), fileName, playRows: 0, skipRows: 0 };
}
