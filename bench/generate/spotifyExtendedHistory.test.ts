import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yauzl from "yauzl";
import { afterAll, describe, expect, it } from "vitest";
import { EXPORT_FOLDER, spotifyExtendedFiles, spotifyExtendedRows, writeSpotifyExtendedZip } from "./spotifyExtendedHistory.js";

const folder = mkdtempSync(join(tmpdir(), "bench-generator-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function entryNames(path: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: false }, (error, zip) => {
      if (error) return reject(error);
      const names: string[] = [];
      zip.on("entry", (entry: yauzl.Entry) => names.push(entry.fileName));
      zip.on("end", () => resolve(names));
      zip.on("error", reject);
    });
  });
}

describe("synthetic Spotify Extended history", () => {
  it("is deterministic for a seed and differs for another", () => {
    const a = [...spotifyExtendedRows({ rows: 2_000, seed: 7 })];
    const b = [...spotifyExtendedRows({ rows: 2_000, seed: 7 })];
    const c = [...spotifyExtendedRows({ rows: 2_000, seed: 8 })];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it("has the export's shape: ts the end of plays in order, podcasts, skips, zero plays, repeats a minute apart", () => {
    const rows = [...spotifyExtendedRows({ rows: 20_000 })];
    expect(rows).toHaveLength(20_000);
    const starts = rows.map((row) => Date.parse(row.ts) - row.ms_played);
    expect(starts.every((start, i) => i === 0 || start > starts[i - 1]! - 60_000)).toBe(true);
    const share = (predicate: (row: (typeof rows)[number]) => boolean) => rows.filter(predicate).length / rows.length;
    expect(share((row) => row.spotify_episode_uri !== null && row.master_metadata_track_name === null)).toBeGreaterThan(0.02);
    expect(share((row) => row.ms_played > 0 && row.ms_played < 30_000)).toBeGreaterThan(0.07);
    expect(share((row) => row.ms_played === 0)).toBeGreaterThan(0.005);
    const repeats = rows.filter((row, i) => {
      const before = rows[i - 1];
      return before?.spotify_track_uri && Date.parse(row.ts) - Date.parse(before.ts) === 60_000 && before.spotify_track_uri === row.spotify_track_uri && before.ms_played === row.ms_played;
    });
    expect(repeats.length).toBeGreaterThan(0);
    expect(Object.keys(rows[0]!)).toContain("offline_timestamp");
    expect(rows[0]!.spotify_track_uri ?? rows[1]!.spotify_track_uri).toMatch(/^spotify:track:[0-9A-Za-z]{22}$/);
    const years = new Set(rows.map((row) => row.ts.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(12);
  });

  it("splits into named JSON arrays of about the requested size, and zips them beside a PDF and a video file", async () => {
    const files = [...spotifyExtendedFiles({ rows: 3_000, fileBytes: 500_000 })];
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      expect(file.name).toMatch(/^Streaming_History_Audio_\d{4}(-\d{4})?_\d+\.json$/);
      expect(JSON.parse(file.content.toString("utf8"))).toHaveLength(file.rows);
    }
    const path = join(folder, "my_spotify_data.zip");
    const written = await writeSpotifyExtendedZip(path, { rows: 3_000, fileBytes: 500_000 });
    expect(written.rows).toBe(3_000);
    const names = await entryNames(path);
    expect(names.filter((name) => name.includes("Streaming_History_Audio_"))).toHaveLength(written.files);
    expect(names).toContain(`${EXPORT_FOLDER}/ReadMeFirst_ExtendedStreamingHistory.pdf`);
    expect(names.some((name) => name.startsWith(`${EXPORT_FOLDER}/Streaming_History_Video_`))).toBe(true);
  });
});
