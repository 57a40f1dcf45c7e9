import { asObject, isoDate, optionalMilliseconds, optionalText, spotifyTrackId } from "../recordFields.js";
import { RowError, type RowOutcome, skip } from "../rowOutcome.js";

/** Before ~2023 `skipped` is null or always false: these end reasons mean the user moved on. */
const SKIP_REASONS = new Set(["fwdbtn", "backbtn", "endplay"]);

/**
 * One row of Spotify's extended streaming history. `ts` is the END of the play, so
 * playedAt = ts − ms_played. Podcast episodes and audiobook chapters carry no track fields.
 */
export function parseSpotifyExtendedRecord(value: unknown): RowOutcome {
  const record = asObject(value);
  if (!record) throw new RowError("not a JSON object");
  const title = optionalText(record.master_metadata_track_name, "master_metadata_track_name");
  if (title === null) {
    if (record.spotify_episode_uri || record.episode_name) return skip("podcast episode");
    if (record.audiobook_uri || record.audiobook_title || record.audiobook_chapter_uri) return skip("audiobook");
    return skip("no track name");
  }
  const artist = optionalText(record.master_metadata_album_artist_name, "master_metadata_album_artist_name");
  if (artist === null) return skip("no artist name");
  const endedAt = isoDate(record.ts, "ts");
  const msPlayed = optionalMilliseconds(record.ms_played, "ms_played");
  if (msPlayed === null) throw new RowError("ms_played is missing");
  if (msPlayed === 0) return skip("ms_played is 0");
  return {
    kind: "play",
    play: {
      track: {
        title,
        artistNames: [artist],
        albumTitle: optionalText(record.master_metadata_album_album_name, "master_metadata_album_album_name"),
        spotifyId: spotifyTrackId(record.spotify_track_uri),
      },
      playedAt: new Date(endedAt.getTime() - msPlayed),
      msPlayed,
      skipped: skippedFrom(record.skipped, record.reason_end),
      platform: optionalText(record.platform, "platform"),
    },
  };
}

function skippedFrom(skipped: unknown, reasonEnd: unknown): boolean | null {
  if (skipped === true || (typeof reasonEnd === "string" && SKIP_REASONS.has(reasonEnd))) return true;
  if (skipped === false || typeof reasonEnd === "string") return false;
  return null;
}
