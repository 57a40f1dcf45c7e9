import { lbBadRequest } from "./listenbrainz.error.js";
import {
  EARLIEST_LISTENED_AT,
  LISTENED_AT_ALLOWED_SKEW,
  MAX_DURATION_MS,
  MAX_DURATION_SECONDS,
  MAX_LISTEN_BYTES,
  MAX_LISTENS_PER_REQUEST,
  MAX_REQUEST_BYTES,
  MAX_TAG_LENGTH,
  MAX_TAGS_PER_LISTEN,
} from "./listenbrainz.limits.js";

export type ListenType = "single" | "playing_now" | "import";

export type SubmittedTrack = {
  artist_name: string;
  track_name: string;
  release_name?: string | undefined;
  /** validated where ListenBrainz validates; every other key is kept as sent */
  additional_info: Record<string, unknown>;
};

export type SubmittedListen = { listened_at?: number | undefined; track_metadata: SubmittedTrack };

export type Submission = { listenType: ListenType; listens: SubmittedListen[] };

const LISTEN_TYPES: readonly string[] = ["single", "playing_now", "import"];
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const SINGLE_MBID_KEYS = ["release_mbid", "recording_mbid", "release_group_mbid", "track_mbid"];
const MULTIPLE_MBID_KEYS = ["artist_mbids", "work_mbids"];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Parses and validates a POST /1/submit-listens body as ListenBrainz does (same checks, order
 * and messages where it has them), all or nothing: the first problem throws a 400.
 * `rawBody` is the body as received; its size limits are counted in UTF-8 bytes.
 */
export function parseSubmission(rawBody: string, now: Date): Submission {
  const bodyBytes = Buffer.byteLength(rawBody, "utf8");
  if (bodyBytes > MAX_REQUEST_BYTES) throw lbBadRequest(`Payload too large: at most ${MAX_REQUEST_BYTES} bytes per request.`);
  let data: unknown;
  try {
    data = JSON.parse(rawBody);
  } catch (error) {
    throw lbBadRequest(`Cannot parse JSON document: ${(error as Error).message}`);
  }
  if (!isObject(data) || !("payload" in data) || !("listen_type" in data)) throw lbBadRequest("Invalid JSON document submitted.");
  const payload = data.payload;
  if (!Array.isArray(payload)) throw lbBadRequest("The payload in the JSON document should be a list of listens.");
  if (payload.length === 0) throw lbBadRequest("JSON document does not contain any listens");
  if (bodyBytes > payload.length * MAX_LISTEN_BYTES) {
    throw lbBadRequest(`JSON document is too large. In aggregate, listens may not be larger than ${MAX_LISTEN_BYTES} characters.`);
  }
  if (typeof data.listen_type !== "string" || !LISTEN_TYPES.includes(data.listen_type)) {
    throw lbBadRequest("JSON document requires a valid listen_type key.");
  }
  const listenType = data.listen_type as ListenType;
  if (listenType !== "import" && payload.length > 1) {
    throw lbBadRequest("JSON document contains more than listen for a single/playing_now. It should contain only one.");
  }
  if (payload.length > MAX_LISTENS_PER_REQUEST) {
    throw lbBadRequest(`Too many listens. You may not submit more than ${MAX_LISTENS_PER_REQUEST} listens at once.`);
  }
  return { listenType, listens: payload.map((listen) => validateListen(listen, listenType, now)) };
}

function validateListen(listen: unknown, listenType: ListenType, now: Date): SubmittedListen {
  if (!isObject(listen)) throw lbBadRequest("Listen is empty and cannot be validated.");
  if (Buffer.byteLength(JSON.stringify(listen), "utf8") > MAX_LISTEN_BYTES) {
    throw lbBadRequest(`Listen is too large: each listen may not be larger than ${MAX_LISTEN_BYTES} bytes.`);
  }
  let listenedAt: number | undefined;
  if (listenType === "playing_now") {
    if ("listened_at" in listen) throw lbBadRequest("JSON document must not contain listened_at while submitting playing_now.");
  } else {
    if (!("listened_at" in listen)) throw lbBadRequest("JSON document must contain the key listened_at at the top level.");
    const parsed = toInt(listen.listened_at);
    if (parsed === null) throw lbBadRequest("JSON document must contain an int value for listened_at.");
    listenedAt = parsed;
    if (listenedAt < EARLIEST_LISTENED_AT) {
      throw lbBadRequest(
        `Value for key listened_at is too low. listened_at timestamp should be greater than ${EARLIEST_LISTENED_AT} (2002-10-01 00:00:00 UTC).`,
      );
    }
    if (listenedAt > Math.floor(now.getTime() / 1000) + LISTENED_AT_ALLOWED_SKEW) {
      throw lbBadRequest("Value for key listened_at is too high.");
    }
  }
  // Unknown top-level keys are accepted (ListenBrainz clients send extras such as "listen_type").
  const metadata = listen.track_metadata;
  if (!isObject(metadata)) throw lbBadRequest("JSON document does not contain required track_metadata.");
  rejectUnicodeNull(listen);
  const track: SubmittedTrack = {
    track_name: requiredName(metadata, "track_name"),
    artist_name: requiredName(metadata, "artist_name"),
    release_name: optionalName(metadata, "release_name"),
    additional_info: {},
  };
  if (metadata.additional_info != null) {
    if (!isObject(metadata.additional_info)) throw lbBadRequest("track_metadata.additional_info must be an object.");
    track.additional_info = validateAdditionalInfo({ ...metadata.additional_info });
  }
  return { listened_at: listenedAt, track_metadata: track };
}

/** int() as Python does it for the values clients send: integers, integral floats and digit strings. */
function toInt(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === "string" && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  return null;
}

function requiredName(metadata: Record<string, unknown>, key: "track_name" | "artist_name"): string {
  if (!(key in metadata)) throw lbBadRequest(`JSON document does not contain required track_metadata.${key}.`);
  const value = metadata[key];
  if (typeof value !== "string") throw lbBadRequest(`track_metadata.${key} must be a single string.`);
  const trimmed = value.trim();
  if (trimmed.length === 0) throw lbBadRequest(`required field track_metadata.${key} is empty.`);
  return trimmed;
}

function optionalName(metadata: Record<string, unknown>, key: "release_name"): string | undefined {
  const value = metadata[key];
  if (value == null) return undefined;
  if (typeof value !== "string") throw lbBadRequest(`track_metadata.${key} must be a single string.`);
  return value.trim() || undefined;
}

function validateAdditionalInfo(info: Record<string, unknown>): Record<string, unknown> {
  if ("tags" in info && info.tags != null) {
    const tags = info.tags;
    if (!Array.isArray(tags)) throw lbBadRequest("track_metadata.additional_info.tags must be a list of strings.");
    if (tags.length > MAX_TAGS_PER_LISTEN) {
      throw lbBadRequest(
        `JSON document may not contain more than ${MAX_TAGS_PER_LISTEN} items in track_metadata.additional_info.tags.`,
      );
    }
    for (const tag of tags) {
      if (typeof tag !== "string") throw lbBadRequest("track_metadata.additional_info.tags must be a list of strings.");
      if ([...tag].length > MAX_TAG_LENGTH) {
        throw lbBadRequest(
          `JSON document may not contain track_metadata.additional_info.tags longer than ${MAX_TAG_LENGTH} characters.`,
        );
      }
    }
  }
  // Empty MBIDs are dropped, as ListenBrainz does; anything else must be a UUID.
  for (const key of SINGLE_MBID_KEYS) {
    if (!(key in info)) continue;
    if (!info[key]) delete info[key];
    else if (typeof info[key] !== "string" || !UUID.test(info[key] as string)) throw lbBadRequest(`${key} MBID format invalid.`);
  }
  for (const key of MULTIPLE_MBID_KEYS) {
    if (!(key in info)) continue;
    const value = info[key];
    if (!value || (Array.isArray(value) && value.length === 0)) {
      delete info[key];
      continue;
    }
    if (!Array.isArray(value)) throw lbBadRequest(`${key} MBID format invalid.`);
    const mbids = value.filter((mbid) => mbid);
    for (const mbid of mbids) if (typeof mbid !== "string" || !UUID.test(mbid)) throw lbBadRequest(`${key} MBID format invalid.`);
    info[key] = mbids;
  }
  validateDurations(info);
  return info;
}

function validateDurations(info: Record<string, unknown>): void {
  const hasMs = info.duration_ms != null;
  const hasSeconds = info.duration != null;
  if (hasMs && hasSeconds) throw lbBadRequest("JSON document should not contain both duration and duration_ms.");
  if (hasMs) checkDuration(info, "duration_ms", MAX_DURATION_MS);
  if (hasSeconds) checkDuration(info, "duration", MAX_DURATION_SECONDS);
  if (info.duration_played != null) {
    const played = info.duration_played;
    if (typeof played !== "number" || !Number.isFinite(played) || played < 0 || played > MAX_DURATION_SECONDS) {
      throw lbBadRequest(`Value for duration_played is invalid, should be a non-negative number of seconds up to ${MAX_DURATION_SECONDS}.`);
    }
  }
}

function checkDuration(info: Record<string, unknown>, key: "duration_ms" | "duration", max: number): void {
  const value = toInt(info[key]);
  if (value === null || value <= 0) throw lbBadRequest(`Value for ${key} is invalid, should be a positive integer.`);
  if (value > max) throw lbBadRequest(`Value for ${key} is too large, max permitted value is ${max}`);
  info[key] = value;
}

/** NUL cannot be stored in PostgreSQL text: rejected anywhere in the listen, keys included. */
function rejectUnicodeNull(value: unknown): void {
  if (typeof value === "string") {
    if (value.includes("\u0000")) throw lbBadRequest(`${JSON.stringify(value)} contains a unicode null`);
  } else if (Array.isArray(value)) {
    for (const item of value) rejectUnicodeNull(item);
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      rejectUnicodeNull(key);
      rejectUnicodeNull(item);
    }
  }
}
