import { describe, expect, it } from "vitest";
import { samplePlays, takeoutWatchHistory, takeoutWatchHistoryHtml } from "../../../test/factories/exports.factory.js";
import type { LocalRow } from "../entryReader.js";
import { memoryEntry } from "../text/memoryEntry.js";
import { youtubeMusicReader } from "./youtubeMusic.reader.js";

async function rowsOf(content: string, chunkSize?: number): Promise<LocalRow[]> {
  const rows: LocalRow[] = [];
  for await (const batch of youtubeMusicReader.read(memoryEntry(content, chunkSize, "history"))) rows.push(...batch);
  return rows;
}

describe("youtubeMusicReader", () => {
  const plays = samplePlays(5);

  it("reads HTML and JSON histories to the same plays, whatever the chunk size", async () => {
    const fromJson = await rowsOf(takeoutWatchHistory(plays, { quirks: true }).content);
    for (const style of ["en-US", "en-GB", "de"] as const) {
      const html = takeoutWatchHistoryHtml(plays, { quirks: true, style }).content;
      for (const chunkSize of [13, 64 * 1024]) {
        const fromHtml = await rowsOf(html, chunkSize);
        expect(fromHtml.map((row) => row.local)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        expect(fromHtml.map((row) => row.outcome)).toEqual(fromJson.map((row) => row.outcome));
      }
    }
  });

  it("an unreadable time is an error row at the entry's index; the rest still reads", async () => {
    const html = takeoutWatchHistoryHtml(plays.slice(0, 3)).content.replace(/ EST</, " XYZT<");
    const rows = await rowsOf(html);
    expect(rows.map((row) => row.outcome.kind)).toEqual(["error", "play", "play"]);
    expect(rows[0]).toEqual({ local: 1, outcome: { kind: "error", message: expect.stringMatching(/^entry 1: time zone "XYZT" is not known: "Mar 1, 2024, 7:10:00 AM XYZT"$/) } });
  });
});
