import { describe, expect, it } from "vitest";
import {
  cleanName,
  cleanYouTubeTitle,
  nameKey,
  normalizeArtists,
  normalizeIsrc,
  normalizeMbid,
  normalizeSpotifyId,
  splitArtistCredit,
  splitTitle,
  UNKNOWN_ARTIST,
} from "./catalog.normalize.js";

describe("nameKey", () => {
  it("folds case, accents, width and whitespace", () => {
    expect(nameKey("Beyoncé")).toBe(nameKey("Beyonce"));
    expect(nameKey("Sigur Rós")).toBe("sigur ros");
    expect(nameKey("  The   Beatles\t")).toBe("the beatles");
    expect(nameKey("Ｒａｄｉｏｈｅａｄ")).toBe("radiohead");
    expect(nameKey("Motörhead")).toBe("motorhead");
    expect(nameKey("Don’t Stop")).toBe(nameKey("Don't Stop"));
    expect(nameKey("A\u00a0B\u200b")).toBe("a b");
    expect(nameKey("Beyoncé".normalize("NFD"))).toBe("beyonce");
  });

  it("keeps CJK, kana voicing marks, Hangul and emoji", () => {
    expect(nameKey("宇多田ヒカル")).toBe("宇多田ヒカル");
    expect(nameKey("ガ")).not.toBe(nameKey("カ"));
    expect(nameKey("방탄소년단")).toBe("방탄소년단");
    expect(nameKey("Song 🎵")).toBe("song 🎵");
    expect(nameKey("Сплин")).toBe("сплин");
  });
});

describe("cleanName", () => {
  it("trims and collapses whitespace but keeps case and accents", () => {
    expect(cleanName("  Sigur   Rós  ")).toBe("Sigur Rós");
    expect(cleanName("Björk\u200b")).toBe("Björk");
  });
});

describe("splitArtistCredit", () => {
  it("splits on feat. / ft. / featuring, in any case", () => {
    expect(splitArtistCredit("A feat. B")).toEqual(["A", "B"]);
    expect(splitArtistCredit("A ft. B")).toEqual(["A", "B"]);
    expect(splitArtistCredit("A Featuring B")).toEqual(["A", "B"]);
    expect(splitArtistCredit("A FEAT B")).toEqual(["A", "B"]);
    expect(splitArtistCredit("A (feat. B)")).toEqual(["A", "B"]);
  });

  it("never splits on &, comma, x or with", () => {
    expect(splitArtistCredit("Simon & Garfunkel")).toEqual(["Simon & Garfunkel"]);
    expect(splitArtistCredit("Earth, Wind & Fire")).toEqual(["Earth, Wind & Fire"]);
    expect(splitArtistCredit("A feat. B & C")).toEqual(["A", "B & C"]);
    expect(splitArtistCredit("Bob Marley with The Wailers")).toEqual(["Bob Marley with The Wailers"]);
  });

  it("does not split words that merely contain 'ft'", () => {
    expect(splitArtistCredit("Daft Punk")).toEqual(["Daft Punk"]);
    expect(splitArtistCredit("Craft Spells")).toEqual(["Craft Spells"]);
  });

  it("strips the YouTube ' - Topic' suffix", () => {
    expect(splitArtistCredit("Radiohead - Topic")).toEqual(["Radiohead"]);
    expect(splitArtistCredit("Sigur Rós - Topic ")).toEqual(["Sigur Rós"]);
    expect(splitArtistCredit("Kraftwerk - Thema")).toEqual(["Kraftwerk"]); // a German account's channel names
  });
});

describe("splitTitle", () => {
  it("moves featured artists out of the title", () => {
    expect(splitTitle("Song (feat. B)")).toEqual({ title: "Song", featured: ["B"] });
    expect(splitTitle("Song [ft. B]")).toEqual({ title: "Song", featured: ["B"] });
    expect(splitTitle("Song (Featuring B & C)")).toEqual({ title: "Song", featured: ["B & C"] });
    expect(splitTitle("Song feat. B")).toEqual({ title: "Song", featured: ["B"] });
    expect(splitTitle("Song (feat. B) - Remix")).toEqual({ title: "Song - Remix", featured: ["B"] });
  });

  it("drops '(with B)' only when B is credited", () => {
    expect(splitTitle("Song (with B)", new Set(["b"]))).toEqual({ title: "Song", featured: [] });
    expect(splitTitle("Song (with Strings)")).toEqual({ title: "Song (with Strings)", featured: [] });
  });

  it("keeps versions and titles that are only a feature", () => {
    expect(splitTitle("Song - Remastered 2011").title).toBe("Song - Remastered 2011");
    expect(splitTitle("Song (Live)").title).toBe("Song (Live)");
    expect(splitTitle("(feat. B)").title).toBe("(feat. B)");
    expect(splitTitle("Left (ft)").title).toBe("Left (ft)");
    expect(splitTitle("Welcome to Ft. Lauderdale")).toEqual({ title: "Welcome to Ft. Lauderdale", featured: [] });
  });
});

describe("normalizeArtists", () => {
  it("orders credits, removes duplicates and keeps MBIDs with the main name", () => {
    const mbid = "a74b1b7f-71a5-4011-9441-d0b5e4122711";
    expect(normalizeArtists(["A feat. B", "b", "C"], [mbid, null, null], ["D", "a"])).toEqual([
      { name: "A", key: "a", mbid },
      { name: "B", key: "b", mbid: null },
      { name: "C", key: "c", mbid: null },
      { name: "D", key: "d", mbid: null },
    ]);
  });

  it("falls back to the unknown artist", () => {
    expect(normalizeArtists(["  "], null)).toEqual([{ name: UNKNOWN_ARTIST, key: UNKNOWN_ARTIST, mbid: null }]);
  });
});

describe("strong ids", () => {
  it("normalizes or rejects them", () => {
    expect(normalizeIsrc("us-rc1-76-07839")).toBe("USRC17607839");
    expect(normalizeIsrc("nope")).toBeNull();
    expect(normalizeSpotifyId("spotify:track:6LgJvl0Xdtc73RJ1mmpotq")).toBe("6LgJvl0Xdtc73RJ1mmpotq");
    expect(normalizeSpotifyId("https://open.spotify.com/track/6LgJvl0Xdtc73RJ1mmpotq?si=abc")).toBe("6LgJvl0Xdtc73RJ1mmpotq");
    expect(normalizeSpotifyId("short")).toBeNull();
    expect(normalizeMbid(" A74B1B7F-71A5-4011-9441-D0B5E4122711 ")).toBe("a74b1b7f-71a5-4011-9441-d0b5e4122711");
    expect(normalizeMbid("not-a-uuid")).toBeNull();
  });
});

describe("cleanYouTubeTitle", () => {
  it("uses metadata-filter's YouTube clean-up", () => {
    expect(cleanYouTubeTitle("Song [Official Video]")).toBe("Song");
  });
});
