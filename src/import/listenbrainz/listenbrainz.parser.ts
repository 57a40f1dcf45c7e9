import { asObject, optionalMbid, optionalMilliseconds, optionalNumber, optionalText, spotifyTrackId, unixSecondsDate } from "../recordFields.js";
import { RowError, type RowOutcome, skip } from "../rowOutcome.js";

/**
 * One ListenBrainz listen. `listened_at` is the START of the play (unix seconds). MusicBrainz
 * ids come from `mbid_mapping` (ListenBrainz's own match) or the submitted `additional_info`;
 * the mapping's artist credits, when present, give the full artist list with their ids.
 * ListenBrainz records no played duration: msPlayed is null (so the play counts).
 */
export function parseListenbrainzListen(value: unknown): RowOutcome {
  const listen = asObject(value);
  if (!listen) throw new RowError("not a JSON object");
  const metadata = asObject(listen.track_metadata);
  if (!metadata) throw new RowError("track_metadata is missing");
  const title = optionalText(metadata.track_name, "track_name");
  const artist = optionalText(metadata.artist_name, "artist_name");
  if (title === null) return skip("no track name");
  if (artist === null) return skip("no artist name");
  const info = asObject(metadata.additional_info) ?? {};
  const mapping = asObject(metadata.mbid_mapping);
  const credits = artistCredits(mapping?.artists);
  const submitted = mbidList(info.artist_mbids);
  // older mappings carry artist_mbids without the artists[] credits
  const submittedArtistMbids = submitted.length > 0 ? submitted : mbidList(mapping?.artist_mbids);
  const durationMs = optionalMilliseconds(info.duration_ms, "duration_ms") ?? secondsToMs(optionalNumber(info.duration, "duration"));
  return {
    kind: "play",
    play: {
      track: {
        title,
        artistNames: credits ? credits.names : [artist],
        albumTitle: optionalText(metadata.release_name, "release_name"),
        durationMs: durationMs && durationMs > 0 ? durationMs : null,
        isrc: optionalText(info.isrc, "isrc"),
        spotifyId: spotifyTrackId(info.spotify_id),
        mbid: optionalMbid(mapping?.recording_mbid) ?? optionalMbid(info.recording_mbid),
        artistMbids: credits ? credits.mbids : submittedArtistMbids.length > 0 ? submittedArtistMbids : null,
        releaseMbid: optionalMbid(mapping?.release_mbid) ?? optionalMbid(info.release_mbid),
      },
      playedAt: unixSecondsDate(listen.listened_at, "listened_at"),
      msPlayed: null,
      skipped: null,
      platform: optionalText(info.music_service_name ?? info.music_service ?? info.submission_client, "music_service"),
    },
  };
}

function artistCredits(value: unknown): { names: string[]; mbids: (string | null)[] } | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const names: string[] = [];
  const mbids: (string | null)[] = [];
  for (const item of value) {
    const credit = asObject(item);
    const name = optionalText(credit?.artist_credit_name, "artist_credit_name");
    if (name === null) return null;
    names.push(name);
    mbids.push(optionalMbid(credit?.artist_mbid));
  }
  return { names, mbids };
}

function mbidList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map(optionalMbid).filter((mbid): mbid is string => mbid !== null);
}

function secondsToMs(seconds: number | null): number | null {
  return seconds === null ? null : Math.round(seconds * 1000);
}
