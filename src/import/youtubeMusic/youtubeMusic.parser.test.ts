import { describe, expect, it } from "vitest";
import { parseRecord } from "../rowOutcome.js";
import { parseYoutubeMusicEntry } from "./youtubeMusic.parser.js";

const entry = (fields: Record<string, unknown>) => ({
  header: "YouTube Music",
  title: "Watched Song",
  titleUrl: "https://music.youtube.com/watch?v=abc",
  subtitles: [{ name: "Artist - Topic", url: "https://www.youtube.com/channel/x" }],
  time: "2024-03-01T12:00:00Z",
  products: ["YouTube"],
  ...fields,
});
const parse = (fields: Record<string, unknown> = {}) => parseRecord(parseYoutubeMusicEntry, entry(fields));

describe("parseYoutubeMusicEntry", () => {
  it("takes the artist from a Topic channel; times with or without the fraction", () => {
    expect(parse()).toEqual({
      kind: "play",
      play: { track: { title: "Song", artistNames: ["Artist"] }, playedAt: new Date("2024-03-01T12:00:00Z"), msPlayed: null, skipped: null, platform: null },
    });
    expect(parse({ time: "2024-03-01T12:00:00.250Z" })).toMatchObject({ play: { playedAt: new Date("2024-03-01T12:00:00.250Z") } });
  });

  it("takes the artist from an uploader's 'Artist - Title' video title, else the channel", () => {
    expect(parse({ title: "Watched Band - Hit (Official Video)", subtitles: [{ name: "BandVEVO" }] })).toMatchObject({
      play: { track: { title: "Hit", artistNames: ["Band"] } },
    });
    expect(parse({ title: "Watched Live at the Hall", subtitles: [{ name: "Some Label" }] })).toMatchObject({
      play: { track: { title: "Live at the Hall", artistNames: ["Some Label"] } },
    });
  });

  it("skips plain YouTube videos, deleted videos and ads", () => {
    expect(parse({ header: "YouTube" })).toEqual({ kind: "skip", reason: "not YouTube Music (a video)" });
    expect(parse({ title: "Watched https://music.youtube.com/watch?v=gone", subtitles: undefined })).toEqual({ kind: "skip", reason: "deleted or private video" });
    expect(parse({ title: "Watched Buy", subtitles: undefined, details: [{ name: "From Google Ads" }] })).toEqual({ kind: "skip", reason: "ad" });
    expect(parse({ subtitles: undefined })).toEqual({ kind: "skip", reason: "no channel (deleted video or ad)" });
  });

  it("reads the title in the languages Takeout writes it in", () => {
    const titles = ["Watched Song", "Vous avez regardé Song", "Vous\u00a0avez regardé\u00a0Song", "Has visto Song", "Viste Song", "Hai guardato Song", "Assistiu a Song", "Você assistiu Song", "Song angesehen", "Angesehen: Song"];
    for (const title of titles) expect(parse({ title })).toMatchObject({ play: { track: { title: "Song", artistNames: ["Artist"] } } });
    expect(parse({ title: "Vous avez regardé https://www.youtube.com/watch?v=gone", subtitles: undefined })).toEqual({ kind: "skip", reason: "deleted or private video" });
    expect(parse({ title: "Kaufen angesehen", details: [{ name: "Von Google Ads" }] })).toEqual({ kind: "skip", reason: "ad" });
    for (const name of ["Band - Thema", "Band - Tema", "Band - Sujet"]) {
      expect(parse({ title: "Song angesehen", subtitles: [{ name }] })).toMatchObject({ play: { track: { title: "Song", artistNames: ["Band"] } } });
    }
  });

  it("tells music by a header with a no-break space or by a music.youtube.com link", () => {
    expect(parse({ header: "YouTube\u00a0Music" })).toMatchObject({ kind: "play", play: { track: { title: "Song" } } });
    expect(parse({ header: "YouTube and YouTube Music" })).toMatchObject({ kind: "play" });
    expect(parse({ header: "YouTube and YouTube Music", titleUrl: "https://www.youtube.com/watch?v=abc" })).toEqual({ kind: "skip", reason: "not YouTube Music (a video)" });
  });

  it("a 'Release - Topic' channel names no artist: the play asks for one", () => {
    expect(parse({ subtitles: [{ name: "Release - Topic" }] })).toEqual({
      kind: "play",
      play: { track: { title: "Song", artistNames: [] }, playedAt: new Date("2024-03-01T12:00:00Z"), msPlayed: null, skipped: null, platform: null },
      needsArtist: true,
    });
  });

  it("reports an unreadable time", () => {
    expect(parse({ time: "last week" })).toEqual({ kind: "error", message: 'time is not a date: "last week"' });
  });
});
