import { describe, expect, it } from "vitest";
import { parseRecord } from "../rowOutcome.js";
import type { HtmlActivity, HtmlLine } from "../text/takeoutHtmlCells.js";
import { parseYoutubeMusicHtmlEntry } from "./youtubeMusicHtml.parser.js";

const link = (href: string, text: string): HtmlLine => ({ text, links: [{ href, text }] });
const line = (text: string): HtmlLine => ({ text, links: [] });
const watched = (title: string, prefix = "Watched\u00a0"): HtmlLine => ({ text: `${prefix}${title}`, links: [{ href: "https://music.youtube.com/watch?v=abc", text: title }] });
const channel = (name: string) => link("https://www.youtube.com/channel/UCx", name);

const activity = (fields: Partial<HtmlActivity> = {}): HtmlActivity => ({
  header: "YouTube\u00a0Music",
  body: [watched("Song"), channel("Artist - Topic"), line("Mar 1, 2024, 1:00:00\u202fPM CET"), line("")],
  caption: ["Products:", "\u2003YouTube", "Why is this here?", "\u2003This activity was saved…"],
  ...fields,
});
const parse = (fields: Partial<HtmlActivity> = {}) => parseRecord(parseYoutubeMusicHtmlEntry, activity(fields));

describe("parseYoutubeMusicHtmlEntry", () => {
  it("takes the artist from a Topic channel and reads the local time to UTC", () => {
    expect(parse()).toEqual({
      kind: "play",
      play: { track: { title: "Song", artistNames: ["Artist"] }, playedAt: new Date("2024-03-01T12:00:00Z"), msPlayed: null, skipped: null, platform: null },
    });
  });

  it("follows the JSON history's rules: uploaders, Release - Topic, localized titles and channels", () => {
    expect(parse({ body: [watched("Band - Hit (Official Video)"), channel("BandVEVO"), line("3 Dec 2024, 22:15:32 GMT")] })).toMatchObject({
      play: { track: { title: "Hit", artistNames: ["Band"] }, playedAt: new Date("2024-12-03T22:15:32Z") },
    });
    expect(parse({ body: [watched("Song"), channel("Release - Topic"), line("3 Dec 2024, 22:15:32 GMT")] })).toMatchObject({
      play: { track: { title: "Song", artistNames: [] } },
      needsArtist: true,
    });
    const german: HtmlLine = { text: "Lied\u00a0angesehen", links: [{ href: "https://music.youtube.com/watch?v=abc", text: "Lied" }] };
    expect(parse({ body: [german, channel("Band - Thema"), line("03.12.2024, 22:15:32 MEZ")] })).toMatchObject({
      play: { track: { title: "Lied", artistNames: ["Band"] }, playedAt: new Date("2024-12-03T21:15:32Z") },
    });
  });

  it("skips YouTube videos, deleted or removed videos and ads", () => {
    expect(parse({ header: "YouTube" })).toEqual({ kind: "skip", reason: "not YouTube Music (a video)" });
    const gone = "https://music.youtube.com/watch?v=gone";
    expect(parse({ body: [{ text: `Watched\u00a0${gone}`, links: [{ href: gone, text: gone }] }, line("Mar 1, 2024, 1:00:00 PM CET")] })).toEqual({
      kind: "skip",
      reason: "deleted or private video",
    });
    expect(parse({ body: [line("Watched a video that has been removed"), line("Mar 1, 2024, 1:00:00 PM CET")] })).toEqual({
      kind: "skip",
      reason: "no channel (deleted video or ad)",
    });
    expect(parse({ body: [watched("Buy Things"), line("Mar 1, 2024, 1:00:00 PM CET")], caption: ["Products:", "\u2003YouTube", "Details:", "\u2003From Google Ads"] })).toEqual({
      kind: "skip",
      reason: "ad",
    });
  });

  it("tells music by a music.youtube.com link under the old 'YouTube and YouTube Music' header", () => {
    expect(parse({ header: "YouTube and YouTube Music" })).toMatchObject({ kind: "play" });
  });

  it("an unreadable or missing time is an error naming the text", () => {
    expect(parse({ body: [watched("Song"), channel("Artist - Topic"), line("Mar 1, 2024, 1:00:00 PM Ruritania Time")] })).toEqual({
      kind: "error",
      message: 'time is not a date: "Mar 1, 2024, 1:00:00 PM Ruritania Time"',
    });
    expect(parse({ body: [watched("Song"), channel("Artist - Topic"), line("Mar 1, 2024, 1:00:00 PM XST")] })).toEqual({
      kind: "error",
      message: 'time zone "XST" is not known: "Mar 1, 2024, 1:00:00 PM XST"',
    });
  });
});
