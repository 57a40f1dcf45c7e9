import { asObject, optionalMbid, optionalText, unixSecondsDate } from "../recordFields.js";
import { RowError, type RowOutcome, skip } from "../rowOutcome.js";

/**
 * The tracks of one `user.getRecentTracks` page: `{"recenttracks":{"track":[…]}}`, or the same
 * page without the `recenttracks` wrapper (ghan.nl). Throws RowError when it is neither.
 */
export function lastfmPageTracks(value: unknown): unknown[] {
  const page = asObject(value);
  const body = asObject(page?.recenttracks) ?? page;
  const tracks = body?.track;
  if (Array.isArray(tracks)) return tracks;
  if (asObject(tracks)) return [tracks];
  throw new RowError("not a Last.fm recenttracks page (no track list)");
}

/** One Last.fm scrobble; `date.uts` is the START of the play. All numbers are strings. */
export function parseLastfmJsonTrack(value: unknown): RowOutcome {
  const track = asObject(value);
  if (!track) throw new RowError("not a JSON object");
  if (asObject(track["@attr"])?.nowplaying !== undefined) return skip("now playing (not a scrobble yet)");
  const artistField = asObject(track.artist);
  const artist = optionalText(artistField?.["#text"] ?? artistField?.name ?? (typeof track.artist === "string" ? track.artist : null), "artist");
  const title = optionalText(track.name, "name");
  if (artist === null) return skip("no artist name");
  if (title === null) return skip("no track name");
  const date = asObject(track.date);
  if (!date) return skip("no date (now playing)");
  const albumField = asObject(track.album);
  const artistMbid = optionalMbid(artistField?.mbid);
  return {
    kind: "play",
    play: {
      track: {
        title,
        artistNames: [artist],
        albumTitle: optionalText(albumField?.["#text"], "album"),
        mbid: optionalMbid(track.mbid),
        artistMbids: artistMbid ? [artistMbid] : null,
        releaseMbid: optionalMbid(albumField?.mbid),
      },
      playedAt: unixSecondsDate(date.uts, "date.uts"),
      msPlayed: null,
      skipped: null,
      platform: null,
    },
  };
}
