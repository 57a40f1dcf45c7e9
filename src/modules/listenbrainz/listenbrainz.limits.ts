/** ListenBrainz's submission limits (listenbrainz/webserver/views/api_tools.py), which clients are built around. */
export const MAX_LISTEN_BYTES = 10_240;
export const MAX_REQUEST_BYTES = 10_240_000;
export const MAX_LISTENS_PER_REQUEST = 1000;
export const MAX_TAGS_PER_LISTEN = 50;
export const MAX_TAG_LENGTH = 64;
/** 2002-10-01 00:00:00 UTC, the start of Last.fm scrobbles: nothing older is accepted. */
export const EARLIEST_LISTENED_AT = 1_033_410_600;
/** Clock skew allowed for listened_at in the future, in seconds. */
export const LISTENED_AT_ALLOWED_SKEW = 3600;
export const MAX_DURATION_SECONDS = 24 * 24 * 3600;
export const MAX_DURATION_MS = MAX_DURATION_SECONDS * 1000;
/** Reads: listens per GET. */
export const DEFAULT_ITEMS_PER_GET = 25;
export const MAX_ITEMS_PER_GET = 1000;
