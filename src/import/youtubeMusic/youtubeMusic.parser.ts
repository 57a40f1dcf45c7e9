import { cleanYouTubeTitle } from "../../modules/catalog/catalog.normalize.js";
import { asObject, isoDate, optionalText } from "../recordFields.js";
import { RowError, type RowOutcome, skip } from "../rowOutcome.js";
import { watchedVideoTitle } from "./watchedTitle.js";

const URL = /^https?:\/\//;
/** YouTube's auto-generated "<Artist> - Topic" channels; the word is localized like the titles (Thema, Tema, Sujet). */
const TOPIC = /\s+-\s+(?:Topic|Thema|Tema|Sujet)$/i;
/** "Artist - Title" in an uploader's video title (the first " - " splits; en and em dashes too). */
const ARTIST_TITLE = /^(.+?)\s+[-–—]\s+(.+)$/;

/**
 * One entry of Google Takeout's watch-history.json (all of YouTube, newest first). Only
 * `header: "YouTube Music"` entries are music. A "<Artist> - Topic" channel is the artist and
 * the title is clean; any other channel is an uploader (VEVO, a label), so the artist comes from
 * an "Artist - Title" video title when there is one. No duration is given: msPlayed is null.
 */
export function parseYoutubeMusicEntry(value: unknown): RowOutcome {
  const entry = asObject(value);
  if (!entry) throw new RowError("not a JSON object");
  if (entry.header !== "YouTube Music") return skip("not YouTube Music (a video)");
  if (isAd(entry.details)) return skip("ad");
  const rawTitle = optionalText(entry.title, "title");
  if (rawTitle === null) return skip("no title");
  const watched = watchedVideoTitle(rawTitle);
  if (URL.test(watched)) return skip("deleted or private video");
  const channel = optionalText(asObject(Array.isArray(entry.subtitles) ? entry.subtitles[0] : null)?.name, "subtitles[0].name");
  if (channel === null) return skip("no channel (deleted video or ad)");
  const credit = creditOf(watched, channel);
  if (credit.title.length === 0) return skip("no track name");
  return {
    kind: "play",
    play: {
      track: { title: credit.title, artistNames: [credit.artist] },
      playedAt: isoDate(entry.time, "time"),
      msPlayed: null,
      skipped: null,
      platform: null,
    },
  };
}

function creditOf(watched: string, channel: string): { artist: string; title: string } {
  if (TOPIC.test(channel)) return { artist: channel.replace(TOPIC, "").trim(), title: watched };
  const split = ARTIST_TITLE.exec(watched);
  if (split) return { artist: split[1]!.trim(), title: cleanYouTubeTitle(split[2]!) };
  return { artist: channel, title: cleanYouTubeTitle(watched) };
}

/** "From Google Ads" in English; other languages translate the words around the product name. */
function isAd(details: unknown): boolean {
  return Array.isArray(details) && details.some((detail) => /\bGoogle Ads\b/.test(String(asObject(detail)?.name ?? "")));
}
