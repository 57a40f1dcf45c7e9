import { cleanYouTubeTitle, TOPIC_SUFFIX } from "../../modules/catalog/catalog.normalize.js";
import { type RowOutcome, skip } from "../rowOutcome.js";
import { watchedVideoTitle } from "./watchedTitle.js";

/**
 * One watch-history entry as both Takeout formats hold it (JSON: its fields; HTML: its cells),
 * text already trimmed, absent parts null. `time` stays as the format writes it (ISO UTC in
 * JSON, local time with a zone in HTML): `readTime` reads it, and only for plays.
 */
export type WatchEntry = {
  header: string | null;
  /** "Watched <title>" in the account's language */
  title: string | null;
  titleUrl: string | null;
  /** the first channel's name */
  channel: string | null;
  time: unknown;
  /** the entry's details ("From Google Ads") */
  details: string[];
};

const URL = /^https?:\/\//;
/** "Artist - Title" in an uploader's video title (the first " - " splits; en and em dashes too). */
const ARTIST_TITLE = /^(.+?)\s+[-–—]\s+(.+)$/;
/** A video watched in the YouTube Music app, whatever the entry's header says. */
const MUSIC_URL = /^https?:\/\/music\.youtube\.com\//;
/** The Topic channel YouTube files releases under when it has no artist for them: "Release - Topic". */
const NO_ARTIST_TOPIC = "release";

/**
 * Only YouTube Music entries are music (`isMusic`). A "<Artist> - Topic" channel is the artist and
 * the title is clean ("Release - Topic" names no artist: the import looks it up); any other
 * channel is an uploader (VEVO, a label), so the artist comes from an "Artist - Title" video
 * title when there is one. No duration is given: msPlayed is null.
 */
export function watchEntryOutcome(entry: WatchEntry, readTime: (time: unknown) => Date): RowOutcome {
  if (!isMusic(entry)) return skip("not YouTube Music (a video)");
  if (entry.details.some((detail) => /\bGoogle Ads\b/.test(detail))) return skip("ad");
  if (entry.title === null) return skip("no title");
  const watched = watchedVideoTitle(entry.title);
  if (URL.test(watched)) return skip("deleted or private video");
  if (entry.channel === null) return skip("no channel (deleted video or ad)");
  const credit = creditOf(watched, entry.channel);
  if (credit.title.length === 0) return skip("no track name");
  return {
    kind: "play",
    play: {
      track: { title: credit.title, artistNames: credit.artist === null ? [] : [credit.artist] },
      playedAt: readTime(entry.time),
      msPlayed: null,
      skipped: null,
      platform: null,
    },
    // the import takes the artist of the same title the user already has (else "[unknown]")
    ...(credit.artist === null ? { needsArtist: true } : {}),
  };
}

/**
 * `header` is "YouTube Music" (real exports write it with a no-break space too). Older exports
 * head every entry "YouTube and YouTube Music": then a music.youtube.com link tells. "YouTube"
 * alone is a video.
 */
function isMusic(entry: WatchEntry): boolean {
  const header = entry.header?.replace(/\s+/g, " ").trim() ?? "";
  if (header === "YouTube Music") return true;
  return header !== "YouTube" && entry.titleUrl !== null && MUSIC_URL.test(entry.titleUrl);
}

/** The artist (null when the channel names none) and the track title. */
function creditOf(watched: string, channel: string): { artist: string | null; title: string } {
  if (TOPIC_SUFFIX.test(channel)) {
    const artist = channel.replace(TOPIC_SUFFIX, "").trim();
    return { artist: artist.toLowerCase() === NO_ARTIST_TOPIC ? null : artist, title: watched };
  }
  const split = ARTIST_TITLE.exec(watched);
  if (split) return { artist: split[1]!.trim(), title: cleanYouTubeTitle(split[2]!) };
  return { artist: channel, title: cleanYouTubeTitle(watched) };
}
