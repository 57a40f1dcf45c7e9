import type { ListenBrainzListenRow } from "./listenbrainz.repository.js";

/** A stored listen in ListenBrainz's listen shape (GET /1/user/<name>/listens), as clients parse it. */
export function toListenBrainzListen(row: ListenBrainzListenRow, username: string) {
  return {
    listened_at: row.listened_at,
    inserted_at: row.inserted_at,
    user_name: username,
    // ListenBrainz's MessyBrainz id names the recording; the catalog's track id plays that part.
    recording_msid: row.track_id,
    track_metadata: trackMetadata(row, { recording_msid: row.track_id }),
  };
}

/** The now-playing track in ListenBrainz's shape (GET /1/user/<name>/playing-now). */
export function toPlayingNowListen(row: ListenBrainzListenRow, username: string) {
  return { playing_now: true, user_name: username, track_metadata: trackMetadata(row) };
}

/** `extra` starts additional_info: a stored listen repeats its recording_msid there, as ListenBrainz's do. */
function trackMetadata(row: ListenBrainzListenRow, extra: Record<string, unknown> = {}) {
  const additionalInfo: Record<string, unknown> = { ...extra };
  if (row.duration_ms != null) additionalInfo.duration_ms = row.duration_ms;
  if (row.recording_mbid) additionalInfo.recording_mbid = row.recording_mbid;
  if (row.release_mbid) additionalInfo.release_mbid = row.release_mbid;
  const artistMbids = (row.artist_mbids ?? []).filter((mbid): mbid is string => Boolean(mbid));
  if (artistMbids.length > 0) additionalInfo.artist_mbids = artistMbids;
  if (row.isrc) additionalInfo.isrc = row.isrc;
  if (row.spotify_id) additionalInfo.spotify_id = `https://open.spotify.com/track/${row.spotify_id}`;
  if (row.platform) additionalInfo.media_player = row.platform;
  if (row.ms_played != null) additionalInfo.duration_played = Math.round(row.ms_played / 1000);
  return {
    artist_name: row.artist_name,
    track_name: row.track_name,
    ...(row.release_name ? { release_name: row.release_name } : {}),
    additional_info: additionalInfo,
  };
}
