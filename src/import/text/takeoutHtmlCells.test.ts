import { describe, expect, it } from "vitest";
import { EntryReadError } from "./entryReadError.js";
import { memoryEntry } from "./memoryEntry.js";
import { type HtmlActivity, htmlActivityBatches } from "./takeoutHtmlCells.js";

const activity = (header: string, body: string, caption = "<b>Products:</b><br>&emsp;YouTube<br><b>Why is this here?</b><br>&emsp;Because.") =>
  '<div class="outer-cell mdl-cell mdl-cell--12-col mdl-shadow--2dp"><div class="mdl-grid">' +
  `<div class="header-cell mdl-cell mdl-cell--12-col"><p class="mdl-typography--title">${header}<br></p></div>` +
  `<div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1">${body}</div>` +
  '<div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1 mdl-typography--text-right">ignored</div>' +
  `<div class="content-cell mdl-cell mdl-cell--12-col mdl-typography--caption">${caption}</div>` +
  "</div></div>";

const page = (activities: string[]) =>
  `\ufeff<html><head><title>History</title><style>.mdl-cell{margin:8px}</style></head><body><div class="mdl-grid">${activities.join("\n")}</div></body></html>`;

async function readAll(content: string | Buffer, chunkSize?: number): Promise<HtmlActivity[]> {
  const out: HtmlActivity[] = [];
  for await (const batch of htmlActivityBatches(memoryEntry(content, chunkSize, "watch-history.html"))) out.push(...batch);
  return out;
}

describe("htmlActivityBatches", () => {
  const file = page([
    activity(
      "YouTube&nbsp;Music",
      'Watched&nbsp;<a href="https://music.youtube.com/watch?v=a&amp;t=1">Rock &amp; Roll &#39;87 – Café</a><br><a href="https://www.youtube.com/channel/UCa">Band - Topic</a><br>Dec 3, 2024, 10:15:32&#8239;PM CET<br>',
    ),
    activity("YouTube", 'Watched <a href="https://www.youtube.com/watch?v=b">Video</a><br>Dec 2, 2024, 9:00:00 AM CET', "<b>Details:</b><br>&emsp;From Google Ads<br>"),
  ]);

  it("reads each activity's header, body lines with their links, and caption lines; entities decoded", async () => {
    const [first, second] = await readAll(file);
    expect(first).toEqual({
      header: "YouTube\u00a0Music",
      body: [
        { text: "Watched\u00a0Rock & Roll '87 – Café", links: [{ href: "https://music.youtube.com/watch?v=a&t=1", text: "Rock & Roll '87 – Café" }] },
        { text: "Band - Topic", links: [{ href: "https://www.youtube.com/channel/UCa", text: "Band - Topic" }] },
        { text: "Dec 3, 2024, 10:15:32\u202fPM CET", links: [] },
        { text: "", links: [] },
      ],
      caption: ["Products:", "\u2003YouTube", "Why is this here?", "\u2003Because."],
    });
    expect(second!.caption).toEqual(["Details:", "\u2003From Google Ads", ""]);
    expect(second!.body.map((line) => line.text)).toEqual(["Watched Video", "Dec 2, 2024, 9:00:00 AM CET"]);
  });

  it("gives the same activities fed in small chunks (tags, entities and UTF-8 characters split across chunks)", async () => {
    const whole = await readAll(file);
    for (const size of [1, 3, 7, 64]) expect(await readAll(file, size)).toEqual(whole);
  });

  it("refuses bytes that are not UTF-8, and a page without activities", async () => {
    const bad = Buffer.concat([Buffer.from(page([activity("YouTube Music", "Watched x<br>")]).slice(0, 300)), Buffer.from([0xff, 0xfe]), Buffer.from("</div>")]);
    await expect(readAll(bad)).rejects.toThrow(EntryReadError);
    await expect(readAll(bad)).rejects.toThrow(/not UTF-8 text: invalid bytes in activity 1/);
    await expect(readAll("<html><body>Watched</body></html>")).rejects.toThrow(/no activity entries/);
  });
});
