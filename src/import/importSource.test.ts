import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import * as exportsFactory from "../../test/factories/exports.factory.js";
import type { ImportFormat } from "../db/schema.js";
import type { ExportFile, ExportPlay } from "../../test/factories/exports.factory.js";
import { ImportFileError, type ImportSource, openImportSource, type ParsedRow } from "./importSource.js";

const plays = exportsFactory.samplePlays(12);

async function readAll(source: ImportSource): Promise<{ rows: ParsedRow[]; error: ImportFileError | null }> {
  const rows: ParsedRow[] = [];
  try {
    for await (const row of source.rows) rows.push(row);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    return { rows, error };
  }
  return { rows, error: null };
}

async function open(file: ExportFile, format?: ImportFormat | null) {
  return openImportSource(file.path, { fileName: file.fileName, format });
}

function playsOf(rows: ParsedRow[]) {
  return rows.flatMap((row) => (row.kind === "play" ? [row] : []));
}

/** What went in, as (artist, title, start) sorted by start; `precisionMs` absorbs the source's rounding. */
function expectSamePlays(rows: ParsedRow[], input: ExportPlay[], precisionMs: number, options: { artists?: boolean } = {}) {
  const out = playsOf(rows)
    .map((row) => ({ artist: row.play.track.artistNames[0], title: row.play.track.title, at: row.play.playedAt.getTime() }))
    .sort((a, b) => a.at - b.at);
  const expected = [...input].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  expect(out).toHaveLength(expected.length);
  out.forEach((play, index) => {
    const want = expected[index]!;
    expect(play.title).toBe(want.title);
    if (options.artists !== false) expect(play.artist).toBe(want.artist);
    expect(Math.abs(play.at - want.startedAt.getTime())).toBeLessThanOrEqual(precisionMs);
  });
}

function expectIncreasingPositions(rows: ParsedRow[]) {
  rows.forEach((row, index) => {
    if (index > 0) expect(row.position).toBeGreaterThan(rows[index - 1]!.position);
  });
}

describe("openImportSource: every format and variant, detected from the content", () => {
  const cases: { name: string; make: () => Promise<ExportFile>; format: string; precisionMs: number; artists?: boolean }[] = [
    { name: "my_spotify_data.zip (extended, 3 files)", make: () => exportsFactory.spotifyExtendedZip(plays, { quirks: true, perFile: 5 }), format: "SPOTIFY_EXTENDED", precisionMs: 1000 },
    { name: "endsong_0.json", make: () => exportsFactory.spotifyExtendedJson(plays, { quirks: true, era: "endsong" }), format: "SPOTIFY_EXTENDED", precisionMs: 1000 },
    { name: "Spotify account zip", make: () => exportsFactory.spotifyAccountZip(plays, { quirks: true }), format: "SPOTIFY_ACCOUNT", precisionMs: 60_000 },
    { name: "StreamingHistory0.json", make: () => exportsFactory.spotifyAccountJson(plays, { variant: "legacy" }), format: "SPOTIFY_ACCOUNT", precisionMs: 60_000 },
    { name: "lastfm-to-csv", make: () => exportsFactory.lastfmCsv(plays, { quirks: true }), format: "LASTFM_CSV", precisionMs: 0 },
    { name: "ghan.nl CSV", make: () => exportsFactory.lastfmCsv(plays, { quirks: true, variant: "ghan" }), format: "LASTFM_CSV", precisionMs: 0 },
    { name: "Last.fm JSON page", make: () => exportsFactory.lastfmJson(plays, { quirks: true, shape: "page" }), format: "LASTFM_JSON", precisionMs: 0 },
    { name: "Last.fm JSON pages", make: () => exportsFactory.lastfmJson(plays, { quirks: true, shape: "pages", perPage: 5 }), format: "LASTFM_JSON", precisionMs: 0 },
    { name: "ghan.nl JSON", make: () => exportsFactory.lastfmJson(plays, { quirks: true, shape: "unwrapped", perPage: 5 }), format: "LASTFM_JSON", precisionMs: 0 },
    { name: "ListenBrainz zip", make: () => exportsFactory.listenbrainzZip(plays), format: "LISTENBRAINZ", precisionMs: 0 },
    { name: "ListenBrainz JSON array", make: () => exportsFactory.listenbrainzJson(plays), format: "LISTENBRAINZ", precisionMs: 0 },
    { name: "ListenBrainz .jsonl", make: () => exportsFactory.listenbrainzJsonl(plays), format: "LISTENBRAINZ", precisionMs: 0 },
    { name: "Apple nested zip, current vintage, split segments", make: () => exportsFactory.appleMusicZip(plays, { quirks: true, segments: true }), format: "APPLE_MUSIC", precisionMs: 0, artists: false },
    { name: "Apple CSV, legacy vintage", make: () => exportsFactory.appleMusicCsvFile(plays, { quirks: true, vintage: "legacy" }), format: "APPLE_MUSIC", precisionMs: 1000 },
    { name: "Takeout zip", make: () => exportsFactory.takeoutZip(plays, { quirks: true, uploader: true }), format: "YOUTUBE_MUSIC", precisionMs: 0 },
    { name: "watch-history.json", make: () => exportsFactory.takeoutJson(plays, { quirks: true }), format: "YOUTUBE_MUSIC", precisionMs: 0 },
    { name: "Takeout zip, HTML history (en-US)", make: () => exportsFactory.takeoutHtmlZip(plays, { quirks: true }), format: "YOUTUBE_MUSIC", precisionMs: 0 },
    { name: "Takeout zip, HTML history (en-GB)", make: () => exportsFactory.takeoutHtmlZip(plays, { quirks: true, style: "en-GB" }), format: "YOUTUBE_MUSIC", precisionMs: 0 },
    { name: "German Takeout zip, HTML history", make: () => exportsFactory.takeoutHtmlZip(plays, { quirks: true, style: "de" }), format: "YOUTUBE_MUSIC", precisionMs: 0 },
    {
      name: "watch-history.html uploaded under a temporary name",
      make: () => exportsFactory.rawFile("upload-7f3a", exportsFactory.takeoutWatchHistoryHtml(plays).content).then((file) => ({ ...file, playRows: plays.length })),
      format: "YOUTUBE_MUSIC",
      precisionMs: 0,
    },
  ];

  for (const testCase of cases) {
    it(`${testCase.name} → ${testCase.format}`, async () => {
      const file = await testCase.make();
      const source = await open(file);
      expect(source.format).toBe(testCase.format);
      const { rows, error } = await readAll(source);
      expect(error).toBeNull();
      expect(rows.filter((row) => row.kind === "error")).toEqual([]);
      expect(rows.filter((row) => row.kind === "skip")).toHaveLength(file.skipRows);
      expectSamePlays(rows, plays, testCase.precisionMs, { artists: testCase.artists });
      expectIncreasingPositions(rows);
      // the same file gives the same rows on every run (an import resumes by position)
      const again = await readAll(await open(file, source.format));
      expect(again.rows.map((row) => row.position)).toEqual(rows.map((row) => row.position));
    });
  }
});

describe("openImportSource: what each source adds", () => {
  it("flags minute precision for Spotify account data and lastfm-to-csv, not for ghan.nl", async () => {
    const account = playsOf((await readAll(await open(await exportsFactory.spotifyAccountJson(plays)))).rows);
    expect(account.every((row) => row.minutePrecision === true)).toBe(true);
    const ghan = playsOf((await readAll(await open(await exportsFactory.lastfmCsv(plays, { variant: "ghan" })))).rows);
    expect(ghan.some((row) => row.minutePrecision)).toBe(false);
  });

  it("Apple's current vintage yields plays that need an artist; merged segments keep the full msPlayed", async () => {
    const rows = playsOf((await readAll(await open(await exportsFactory.appleMusicZip(plays, { segments: true })))).rows);
    expect(rows.every((row) => row.needsArtist === true && row.play.track.artistNames.length === 0)).toBe(true);
    const first = rows.find((row) => row.play.track.title === "Title 0")!;
    expect(first.play.msPlayed).toBe(plays[0]!.msPlayed);
    expect(first.play.track.albumTitle).toBeNull();
  });

  it("Spotify extended: the id, platform and skip flag come through; ListenBrainz: MBIDs", async () => {
    const spotify = playsOf((await readAll(await open(await exportsFactory.spotifyExtendedJson(plays)))).rows);
    expect(spotify[0]!.play).toMatchObject({ platform: "android", skipped: false, track: { spotifyId: exportsFactory.base62Id(0) } });
    const listenbrainz = playsOf((await readAll(await open(await exportsFactory.listenbrainzJsonl(plays)))).rows);
    expect(listenbrainz[1]!.play.track).toMatchObject({ mbid: expect.stringMatching(/^20000000-/), artistMbids: [expect.stringMatching(/^00000000-/)] });
  });

  it("lastfm-to-csv with a hand-added header line", async () => {
    const file = await exportsFactory.rawFile("with-header.csv", "artist,album,track,date\nArtist,Album,Track,22 May 2014 20:11\n");
    const { rows } = await readAll(await open(file));
    expect(rows).toMatchObject([{ kind: "play", position: 2, play: { playedAt: new Date(Date.UTC(2014, 4, 22, 20, 11)) } }]);
  });

  it("the format can be given instead of detected", async () => {
    const source = await open(await exportsFactory.lastfmCsv(plays), "LASTFM_CSV");
    expect(source.format).toBe("LASTFM_CSV");
    expect(playsOf((await readAll(source)).rows)).toHaveLength(plays.length);
  });
});

describe("openImportSource: archives and resuming", () => {
  it("reads ListenBrainz month files in calendar order (9.jsonl before 10.jsonl)", async () => {
    const monthly = Array.from({ length: 12 }, (_, month) => ({ artist: "A", title: `Month ${month + 1}`, startedAt: new Date(Date.UTC(2023, month, 15)) }));
    const { rows } = await readAll(await open(await exportsFactory.listenbrainzZip(monthly)));
    expect(playsOf(rows).map((row) => row.play.track.title)).toEqual(monthly.map((play) => play.title));
    expectIncreasingPositions(rows);
  });

  it("an abandoned iteration closes the upload; reading again gives the same rows (resume by position)", async () => {
    const file = await exportsFactory.appleMusicZip(plays, { segments: true });
    const source = await open(file);
    const firstRows: ParsedRow[] = [];
    for await (const row of source.rows) {
      firstRows.push(row);
      if (firstRows.length === 3) break;
    }
    const { rows } = await readAll(await open(file));
    expect(rows.slice(0, 3).map((row) => row.position)).toEqual(firstRows.map((row) => row.position));
    const resumeAfter = firstRows[2]!.position;
    expect(rows.filter((row) => row.position > resumeAfter).length + 3).toBe(rows.length);
  });

  it("a source that is opened but never read holds nothing open", async () => {
    const file = await exportsFactory.appleMusicZip(plays);
    for (let attempt = 0; attempt < 20; attempt++) await open(file);
    expect(playsOf((await readAll(await open(file))).rows)).toHaveLength(plays.length);
  });

  it("a damaged zip archive", async () => {
    const good = await exportsFactory.spotifyExtendedZip(plays);
    const bytes = await readFile(good.path);
    const damaged = await exportsFactory.rawFile("my_spotify_data.zip", bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await open(damaged).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(/not a readable zip archive/);
  });

  it("the total-size limit applies across nested archives", async () => {
    const file = await exportsFactory.appleMusicZip(plays);
    const error = await openImportSource(file.path, {
      fileName: file.fileName,
      limits: { maxTotalUncompressedBytes: 1000, maxCompressionRatio: 200, ratioAppliesAbove: 1 << 20, maxNestingDepth: 4 },
    }).catch((thrown: unknown) => thrown);
    expect((error as Error).message).toMatch(/The archive expands to more than .* zip bomb/);
  });
});

describe("openImportSource: bad input", () => {
  const rejects = async (file: ExportFile, pattern: RegExp, format?: ImportFormat | null) => {
    const error = await open(file, format).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(pattern);
  };

  it("an empty file", async () => {
    await rejects(await exportsFactory.rawFile("empty.json", ""), /"empty.json" is empty/);
  });

  it("a file in no known format", async () => {
    await rejects(await exportsFactory.rawFile("notes.txt", "just some notes\n"), /Unrecognized file "notes.txt": expected one of Spotify extended/);
    await rejects(await exportsFactory.rawFile("x.json", '{"hello": "world"}'), /Unrecognized file/);
  });

  it("an archive with nothing to import lists what it holds", async () => {
    const path = await exportsFactory.writeZip("stuff.zip", [
      { name: "a.pdf", content: "%PDF" },
      { name: "b.png", content: "png" },
    ]);
    await rejects({ path, fileName: "stuff.zip", playRows: 0, skipRows: 0 }, /Unrecognized file "stuff.zip".*the archive holds 2 files: a.pdf, b.png/);
  });

  it("the wrong format given", async () => {
    await rejects(await exportsFactory.spotifyExtendedZip(plays), /is not a Last.fm CSV .* file: it looks like Spotify extended streaming history/, "LASTFM_CSV");
  });

  it("a zip bomb is refused before it is inflated", async () => {
    await rejects(await exportsFactory.zipBomb(32), /Streaming_History_Audio_2020_0.json" expands \d+× .*zip bomb/);
  });

  it("invalid JSON at entry N of the second file: rows before it, then an error naming file and entry", async () => {
    const good = exportsFactory.spotifyExtendedRecords(plays.slice(0, 4)).records;
    // the third row of the second file loses the opening quote of its ts value
    const parts = JSON.stringify(exportsFactory.spotifyExtendedRecords(plays.slice(4, 7)).records, null, 2).split('"ts": "');
    const broken = parts.slice(0, 3).join('"ts": "') + '"ts": ' + parts.slice(3).join('"ts": "');
    const path = await exportsFactory.writeZip("my_spotify_data.zip", [
      { name: "Spotify Extended Streaming History/Streaming_History_Audio_2024_0.json", content: JSON.stringify(good) },
      { name: "Spotify Extended Streaming History/Streaming_History_Audio_2024_1.json", content: broken },
    ]);
    const { rows, error } = await readAll(await open({ path, fileName: "my_spotify_data.zip", playRows: 0, skipRows: 0 }));
    expect(rows.map((row) => row.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(error!.message).toMatch(/Streaming_History_Audio_2024_1.json": invalid JSON at entry 3/);
    expect(error!.position).toBe(7);
  });

  it("a truncated file", async () => {
    const text = JSON.stringify(exportsFactory.spotifyExtendedRecords(plays.slice(0, 3)).records, null, 2);
    const { rows, error } = await readAll(await open(await exportsFactory.rawFile("Streaming_History_Audio_2024_0.json", text.slice(0, text.length - 40))));
    expect(rows).toHaveLength(2);
    expect(error!.message).toMatch(/invalid JSON at entry 3: the file ends inside it \(truncated\?\)/);
    expect(error!.position).toBe(3);
  });

  it("a CSV missing columns", async () => {
    const apple = await exportsFactory.rawFile("Apple Music Play Activity.csv", "Song Name,Album Name\nSong,Album\n");
    const { error } = await readAll(await open(apple));
    expect(error!.message).toMatch(/missing columns: Event Type, Play Duration Milliseconds, Event Start Timestamp/);
    const ghan = await exportsFactory.rawFile("scrobbles.csv", '"uts","utc_time","album"\n"1","x","y"\n');
    expect((await readAll(await open(ghan))).error!.message).toMatch(/header is missing columns: artist, track/);
    const short = await exportsFactory.rawFile("someone.csv", "Artist,Track\n");
    expect((await readAll(await open(short, "LASTFM_CSV"))).error!.message).toMatch(/expected the lastfm-to-csv columns artist,album,track,date; line 1 has 2/);
  });

  it("bytes that are not UTF-8", async () => {
    const csv = Buffer.concat([Buffer.from("Artist,Album,Track,22 May 2014 20:11\nCaf"), Buffer.from([0xe9]), Buffer.from(",Album,Track,22 May 2014 20:12\n")]);
    const { rows, error } = await readAll(await open(await exportsFactory.rawFile("latin1.csv", csv)));
    expect(error!.message).toMatch(/"latin1.csv": not UTF-8 text: invalid bytes on line 2/);
    expect(rows.length).toBeLessThanOrEqual(1);
  });

  it("bad rows are error rows with their place; the rest still reads", async () => {
    const lines = [
      JSON.stringify(exportsFactory.listenbrainzListen(plays[0]!, 0)),
      "{not json",
      JSON.stringify({ listened_at: 1, track_metadata: { artist_name: "A\u0000", track_name: "T" } }),
      JSON.stringify(exportsFactory.listenbrainzListen(plays[1]!, 1)),
    ];
    const { rows, error } = await readAll(await open(await exportsFactory.rawFile("listens.jsonl", lines.join("\r\n"))));
    expect(error).toBeNull();
    expect(rows.map((row) => [row.kind, row.position])).toEqual([
      ["play", 1],
      ["error", 2],
      ["error", 3],
      ["play", 4],
    ]);
    expect(rows[1]).toMatchObject({ message: expect.stringMatching(/^listens.jsonl, line 2: invalid JSON/) });
    expect(rows[2]).toMatchObject({ message: "listens.jsonl, line 3: artist_name contains a NUL character" });
  });
});

describe("openImportSource: real-world variants", () => {
  const youtubeEntry = (title: string, channel: string, time: string) => ({
    header: "YouTube Music",
    title,
    titleUrl: "https://music.youtube.com/watch?v\u003dabcdefghijk",
    subtitles: [{ name: channel, url: "https://www.youtube.com/channel/x" }],
    time,
    products: ["YouTube"],
  });

  it("a German Takeout: localized folder, file and titles; neither the search history nor My Activity is read", async () => {
    const folder = "Takeout/YouTube und YouTube Music/Verlauf/";
    const search = [{ header: "YouTube", title: "Gesucht nach x", titleUrl: "https://www.youtube.com/results?search_query\u003dx", time: "2024-01-02T00:00:00Z" }];
    const path = await exportsFactory.writeZip("takeout-20240301T000000Z-001.zip", [
      { name: `${folder}Suchverlauf.json`, content: JSON.stringify(search) },
      { name: `${folder}Wiedergabeverlauf.json`, content: JSON.stringify([youtubeEntry("Lied angesehen", "Band - Topic", "2024-01-01T10:00:00Z")]) },
      { name: "Takeout/Meine Aktivitäten/YouTube/MeineAktivitäten.json", content: JSON.stringify([youtubeEntry("Lied angesehen", "Band - Topic", "2024-01-01T10:00:00Z")]) },
    ]);
    const source = await openImportSource(path, { fileName: "takeout.zip" });
    expect(source.format).toBe("YOUTUBE_MUSIC");
    const { rows } = await readAll(source);
    expect(rows).toMatchObject([{ kind: "play", position: 1, play: { track: { title: "Lied", artistNames: ["Band"] } } }]);
  });

  it("a Takeout with the history as HTML (its default) is read; an HTML page that holds no activities is refused", async () => {
    const html = exportsFactory.takeoutWatchHistoryHtml(plays.slice(0, 3), { quirks: true, style: "de" }).content;
    const path = await exportsFactory.writeZip("takeout-20240301T000000Z-001.zip", [
      { name: "Takeout/archive_browser.html", content: "<html></html>" },
      { name: "Takeout/YouTube und YouTube Music/Verlauf/Wiedergabeverlauf.html", content: html.replace(/01\.03\.2024, 13:05:00 MEZ/, "01.03.2024, 13:05:00 Ortszeit") },
    ]);
    const source = await openImportSource(path, { fileName: "takeout.zip" });
    expect(source.format).toBe("YOUTUBE_MUSIC");
    const { rows, error } = await readAll(source);
    expect(error).toBeNull();
    // newest first: Title 2, Title 1 (its time unreadable), Title 0, then the YouTube video, the deleted video, the ad
    expect(rows.map((row) => [row.kind, row.position])).toEqual([
      ["play", 1],
      ["error", 2],
      ["play", 3],
      ["skip", 4],
      ["skip", 5],
      ["skip", 6],
    ]);
    expect(rows[1]).toMatchObject({
      message: 'Takeout/YouTube und YouTube Music/Verlauf/Wiedergabeverlauf.html, entry 2: time zone "Ortszeit" is not known: "01.03.2024, 13:05:00 Ortszeit"',
    });
    const empty = await exportsFactory.rawFile("watch-history.html", "<html><body>Watched</body></html>");
    for (const format of [undefined, "YOUTUBE_MUSIC" as const]) {
      const result = await readAll(await openImportSource(empty.path, { fileName: empty.fileName, format }));
      expect(result.error?.message).toMatch(/no activity entries \(outer-cell\) found/);
    }
    const browserOnly = await exportsFactory.writeZip("takeout.zip", [{ name: "Takeout/archive_browser.html", content: "<html></html>" }]);
    await expect(openImportSource(browserOnly, { fileName: "takeout.zip" })).rejects.toThrow(/Unrecognized file/);
  });

  it("a French Takeout's HTML history under localized names is recognized by its content", async () => {
    const html = exportsFactory
      .takeoutWatchHistoryHtml(plays, { style: "en-GB" })
      .content.replace(/Watched&nbsp;/g, "Vous avez regardé&nbsp;")
      .replace(/ Mar 2024, /g, " mars 2024, ")
      .replace(/ - Topic</g, " - Sujet<");
    expect(html).toContain("1 mars 2024, 12:00:00 GMT");
    const folder = "Takeout/YouTube et YouTube Music/historique/";
    const path = await exportsFactory.writeZip("takeout-20240301T000000Z-001.zip", [
      { name: "Takeout/archive_browser.html", content: "<html></html>" },
      { name: `${folder}historique-des-recherches.html`, content: '<html><body><div class="outer-cell"><div class="content-cell">Vous avez recherché <a href="https://www.youtube.com/results?search_query=x">x</a></div></div></body></html>' },
      { name: `${folder}historique-des-vidéos.html`, content: html },
    ]);
    const source = await openImportSource(path, { fileName: "takeout.zip" });
    expect(source.format).toBe("YOUTUBE_MUSIC");
    const { rows, error } = await readAll(source);
    expect(error).toBeNull();
    expectSamePlays(rows, plays, 0);
  });

  it("a Takeout holding the watch history both as JSON and as HTML reads the JSON only (exact times)", async () => {
    const folder = "Takeout/YouTube and YouTube Music/history/";
    const path = await exportsFactory.writeZip("takeout-20240301T000000Z-001.zip", [
      { name: `${folder}watch-history.html`, content: exportsFactory.takeoutWatchHistoryHtml(plays).content },
      { name: `${folder}watch-history.json`, content: exportsFactory.takeoutWatchHistory(plays).content },
    ]);
    const { rows, error } = await readAll(await openImportSource(path, { fileName: "takeout.zip" }));
    expect(error).toBeNull();
    expect(rows).toHaveLength(plays.length);
    expectSamePlays(rows, plays, 0);
  });

  it("Last.fm's four columns from an exporter that quotes: the date keeps its comma", async () => {
    const csv = 'Now,Playing,Song,\r\nBand,Album,Song,"19 Aug 2024, 20:48"\r\n"Earth, Wind & Fire",,September,"19 Aug 2024, 20:39"\r\n';
    const source = await openImportSource((await exportsFactory.rawFile("scrobbles.csv", csv)).path, { fileName: "scrobbles.csv" });
    expect(source.format).toBe("LASTFM_CSV");
    const { rows } = await readAll(source);
    expect(rows).toMatchObject([
      { kind: "skip", reason: "now playing (no date)" },
      { kind: "play", play: { track: { artistNames: ["Band"], title: "Song" }, playedAt: new Date(Date.UTC(2024, 7, 19, 20, 48)) } },
      { kind: "play", play: { track: { artistNames: ["Earth, Wind & Fire"], title: "September", albumTitle: null } } },
    ]);
  });

  it("a .tgz Takeout (or another archive type) is refused saying to download a .zip", async () => {
    const tgz = await exportsFactory.rawFile("takeout-20240301T000000Z-001.tgz", gzipSync(Buffer.from("Takeout/")));
    await expect(openImportSource(tgz.path, { fileName: tgz.fileName })).rejects.toThrow(/is a \.tgz\/\.gz archive, which is not read: download the export as \.zip/);
    const rar = await exportsFactory.rawFile("export.rar", Buffer.from("Rar!\u001a\u0007\u0000"));
    await expect(openImportSource(rar.path, { fileName: rar.fileName })).rejects.toThrow(/is a \.rar archive/);
  });

  it("a zip made by macOS: resource forks and .DS_Store are left out, even when the format is named", async () => {
    const fork = Buffer.from([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00, 0xff, 0xfe]);
    const history = JSON.stringify([{ endTime: "2024-01-01 10:00", artistName: "A", trackName: "T", msPlayed: 200_000 }]);
    const path = await exportsFactory.writeZip("my_spotify_data.zip", [
      { name: "__MACOSX/MyData/._StreamingHistory_music_0.json", content: fork },
      { name: "MyData/._StreamingHistory_music_0.json", content: fork },
      { name: "MyData/.DS_Store", content: fork },
      { name: "MyData/StreamingHistory_music_0.json", content: history },
    ]);
    for (const format of [undefined, "SPOTIFY_ACCOUNT" as const]) {
      const { rows, error } = await readAll(await openImportSource(path, { fileName: "my_spotify_data.zip", format }));
      expect(error).toBeNull();
      expect(rows).toMatchObject([{ kind: "play", position: 1 }]);
    }
    const onlyJunk = await exportsFactory.writeZip("junk.zip", [{ name: "x/.DS_Store", content: fork }]);
    await expect(openImportSource(onlyJunk, { fileName: "junk.zip", format: "LASTFM_CSV" })).rejects.toThrow(/is not a Last\.fm CSV/);
  });

  it("a whole Takeout: My Activity repeats the watch history; only watch-history.json is read", async () => {
    const history = JSON.stringify([youtubeEntry("Watched Song", "Band - Topic", "2024-01-01T10:00:00Z")]);
    const path = await exportsFactory.writeZip("takeout-20240301T000000Z-001.zip", [
      { name: "Takeout/My Activity/YouTube/MyActivity.json", content: history },
      { name: "Takeout/YouTube and YouTube Music/history/watch-history.json", content: history },
    ]);
    const { rows } = await readAll(await openImportSource(path, { fileName: "takeout.zip" }));
    expect(rows).toMatchObject([{ kind: "play", play: { track: { title: "Song" } } }]);
  });
});
