import { registerEnumType } from "type-graphql";

/** Export formats we read; mirrors the `import_format` database enum. */
export enum ImportFormatEnum {
  SPOTIFY_EXTENDED = "SPOTIFY_EXTENDED",
  SPOTIFY_ACCOUNT = "SPOTIFY_ACCOUNT",
  LASTFM_CSV = "LASTFM_CSV",
  LASTFM_JSON = "LASTFM_JSON",
  LISTENBRAINZ = "LISTENBRAINZ",
  APPLE_MUSIC = "APPLE_MUSIC",
  YOUTUBE_MUSIC = "YOUTUBE_MUSIC",
}

/** An import's life: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED. */
export enum ImportStatusEnum {
  QUEUED = "QUEUED",
  RUNNING = "RUNNING",
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
  CANCELLED = "CANCELLED",
}

registerEnumType(ImportFormatEnum, { name: "ImportFormat" });
registerEnumType(ImportStatusEnum, { name: "ImportStatus" });
