import { registerEnumType } from "type-graphql";

/** Where a listen came from; mirrors the `listen_source` database enum. */
export enum ListenSourceEnum {
  MANUAL = "MANUAL",
  SCROBBLE_API = "SCROBBLE_API",
  SPOTIFY_SYNC = "SPOTIFY_SYNC",
  SPOTIFY_EXTENDED = "SPOTIFY_EXTENDED",
  SPOTIFY_ACCOUNT = "SPOTIFY_ACCOUNT",
  LASTFM = "LASTFM",
  LISTENBRAINZ = "LISTENBRAINZ",
  APPLE_MUSIC = "APPLE_MUSIC",
  YOUTUBE_MUSIC = "YOUTUBE_MUSIC",
}

registerEnumType(ListenSourceEnum, { name: "ListenSource", description: "Where a listen came from" });
