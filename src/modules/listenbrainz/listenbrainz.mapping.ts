import type { TrackReference } from "../catalog/trackResolution.service.js";
import type { Play } from "../listen/play.js";
import { MAX_DURATION_SECONDS } from "./listenbrainz.limits.js";
import type { SubmittedListen, SubmittedTrack } from "./listenbrainz.submission.js";

const MAX_PLATFORM_LENGTH = 100;

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

/**
 * Seconds played from `duration_played`, which ListenBrainz does not validate: numbers and numeric
 * strings up to 24 days are used, anything else is ignored rather than rejecting the listen.
 */
function playedSeconds(value: unknown): number | null {
  const seconds = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  return Number.isFinite(seconds) && seconds >= 0 && seconds <= MAX_DURATION_SECONDS ? seconds : null;
}

/**
 * A validated ListenBrainz track as the catalog's reference. Strong ids are passed as sent:
 * the catalog normalizes them and ignores what is not an id (ListenBrainz stores any text
 * there, so a malformed ISRC or Spotify id must not reject the listen).
 */
export function toTrackReference(track: SubmittedTrack): TrackReference {
  const info = track.additional_info;
  const durationMs =
    typeof info.duration_ms === "number" ? info.duration_ms : typeof info.duration === "number" ? info.duration * 1000 : null;
  const artistMbids = Array.isArray(info.artist_mbids) ? info.artist_mbids.map((mbid) => text(mbid)) : null;
  return {
    title: track.track_name,
    artistNames: [track.artist_name],
    albumTitle: track.release_name ?? null,
    durationMs,
    isrc: text(info.isrc),
    spotifyId: text(info.spotify_id),
    mbid: text(info.recording_mbid),
    artistMbids,
    releaseMbid: text(info.release_mbid),
  };
}

/** A validated single/import listen as a Play (listened_at is the start of the play, in seconds). */
export function toPlay(listen: SubmittedListen): Play {
  const info = listen.track_metadata.additional_info;
  const played = playedSeconds(info.duration_played);
  const player = text(info.media_player) ?? text(info.submission_client) ?? text(info.music_service_name);
  return {
    track: toTrackReference(listen.track_metadata),
    playedAt: new Date(listen.listened_at! * 1000),
    msPlayed: played === null ? null : Math.round(played * 1000),
    skipped: null,
    platform: player ? [...player].slice(0, MAX_PLATFORM_LENGTH).join("") : null,
  };
}
