import { lbBadRequest, lbPayloadTooLarge } from "./listenbrainz.error.js";
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
const SINGLE_MBID_KEYS = ["release_mbid", "recording_mbid", "release_group_mbid", "track_mbid"];
const MULTIPLE_MBID_KEYS = ["artist_mbids", "work_mbids"];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Parses and validates a POST /1/submit-listens body as ListenBrainz does (same checks, order
 * and messages: clients such as multi-scrobbler show them), all or nothing: the first problem
 * throws a 400. `rawBody` is the body as received; its size limits are counted in UTF-8 bytes.
 */
export function parseSubmission(rawBody: string, now: Date): Submission {
  const bodyBytes = Buffer.byteLength(rawBody, "utf8");
  if (bodyBytes > MAX_REQUEST_BYTES) throw lbPayloadTooLarge();
  let data: unknown;
  try {
    data = JSON.parse(rawBody);
  } catch (error) {
    throw lbBadRequest(`Cannot parse JSON document: ${(error as Error).message}`);
  }
  if (!isObject(data)) throw lbBadRequest("Invalid JSON document submitted. Top level of JSON document should be a json object.");
  if (!("payload" in data)) throw lbBadRequest("Invalid JSON document submitted.");
  const payload = data.payload;
  if (!Array.isArray(payload)) throw lbBadRequest("The payload in the JSON document should be a list of listens.");
  if (payload.length === 0) throw lbBadRequest("JSON document does not contain any listens");
  if (payload.length > MAX_LISTENS_PER_REQUEST) {
    throw lbBadRequest(`Too many listens. You may not submit more than ${MAX_LISTENS_PER_REQUEST} listens at once.`);
  }
  // The only size limit per listen is this average: ListenBrainz does not measure listens one by one.
  if (bodyBytes > payload.length * MAX_LISTEN_BYTES) {
    throw lbBadRequest(`JSON document is too large. Each listens may not be larger than ${MAX_LISTEN_BYTES} bytes.`);
  }
  // listen_type is looked up only now, as ListenBrainz does: a missing one is "Invalid JSON document".
  if (!("listen_type" in data)) throw lbBadRequest("Invalid JSON document submitted.");
  if (typeof data.listen_type !== "string" || !LISTEN_TYPES.includes(data.listen_type)) {
    throw lbBadRequest("JSON document requires a valid listen_type key.");
  }
  const listenType = data.listen_type as ListenType;
  if (listenType !== "import" && payload.length > 1) {
    throw lbBadRequest("JSON document contains more than listen for a single/playing_now. It should contain only one.");
  }
  return { listenType, listens: payload.map((listen) => validateListen(listen, listenType, now)) };
}

function validateListen(listen: unknown, listenType: ListenType, now: Date): SubmittedListen {
  if (!isObject(listen)) throw lbBadRequest("Listen is empty and cannot be validated.");
  let listenedAt: number | undefined;
  if (listenType === "playing_now") {
    if ("listened_at" in listen) throw lbBadRequest("JSON document must not contain listened_at while submitting playing_now.");
    if (!("track_metadata" in listen)) throw lbBadRequest("JSON document must contain the key track_metadata at the top level.");
  } else {
    if (!("listened_at" in listen)) throw lbBadRequest("JSON document must contain the key listened_at at the top level.");
    const parsed = toInt(listen.listened_at);
    if (parsed === null) throw lbBadRequest("JSON document must contain an int value for listened_at.");
    listenedAt = parsed;
    // ListenBrainz's bound is exclusive: exactly one hour ahead is already too high.
    if (listenedAt >= Math.floor(now.getTime() / 1000) + LISTENED_AT_ALLOWED_SKEW) {
      throw lbBadRequest("Value for key listened_at is too high.");
    }
    if (!("track_metadata" in listen)) throw lbBadRequest("JSON document must contain the key track_metadata at the top level.");
    if (listenedAt < EARLIEST_LISTENED_AT) {
      throw lbBadRequest(
        `Value for key listened_at is too low. listened_at timestamp should be greater than ${EARLIEST_LISTENED_AT} (2002-10-01 00:00:00 UTC).`,
      );
    }
  }
  // Unlike ListenBrainz, other top-level keys are ignored rather than rejected: no client relies on that 400.
  const metadata = listen.track_metadata;
  if (metadata === null) throw lbBadRequest("JSON document may not have track_metadata with null value.");
  if (!isObject(metadata)) throw lbBadRequest("JSON document does not contain required field track_metadata.track_name.");
  const track: SubmittedTrack = {
    track_name: requiredName(metadata, "track_name"),
    artist_name: requiredName(metadata, "artist_name"),
    release_name: optionalName(metadata, "release_name"),
    additional_info: {},
  };
  const info = metadata.additional_info;
  // An empty list or a string has none of the keys ListenBrainz looks up, so it accepts them (PHP
  // clients encode an empty additional_info as []); they carry nothing for us either.
  if (info != null && !Array.isArray(info) && typeof info !== "string") {
    if (!isObject(info)) throw lbBadRequest("track_metadata.additional_info must be an object.");
    track.additional_info = validateAdditionalInfo({ ...info });
  }
  rejectUnstorableText(listen);
  return { listened_at: listenedAt, track_metadata: track };
}

/** int() as Python does it for the values clients send: integers, integral floats and digit strings. */
function toInt(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === "string" && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  return null;
}

function requiredName(metadata: Record<string, unknown>, key: "track_name" | "artist_name"): string {
  if (!(key in metadata)) throw lbBadRequest(`JSON document does not contain required field track_metadata.${key}.`);
  const value = metadata[key];
  if (typeof value !== "string") throw lbBadRequest(`track_metadata.${key} must be a single string.`);
  const trimmed = value.trim();
  if (trimmed.length === 0) throw lbBadRequest(`field track_metadata.${key} is empty.`);
  return trimmed;
}

function optionalName(metadata: Record<string, unknown>, key: "release_name"): string | undefined {
  const value = metadata[key];
  if (value == null) return undefined;
  if (typeof value !== "string") throw lbBadRequest(`track_metadata.${key} must be a single string.`);
  return value.trim() || undefined;
}

function validateAdditionalInfo(info: Record<string, unknown>): Record<string, unknown> {
  if (info.tags != null) {
    // Python's len() and iteration: a string counts as its characters, so ListenBrainz accepts "rock".
    const tags = typeof info.tags === "string" ? [...info.tags] : info.tags;
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
  validateDurations(info);
  // Empty MBIDs are dropped, as ListenBrainz does; anything else must be a UUID (stored canonical).
  for (const key of SINGLE_MBID_KEYS) {
    if (!(key in info)) continue;
    if (!info[key]) {
      delete info[key];
      continue;
    }
    const mbid = canonicalUuid(info[key]);
    if (mbid === null) throw lbBadRequest(`${key} MBID format invalid.`);
    info[key] = mbid;
  }
  for (const key of MULTIPLE_MBID_KEYS) {
    if (!(key in info)) continue;
    const value = info[key];
    if (!value || (Array.isArray(value) && value.length === 0)) {
      delete info[key];
      continue;
    }
    if (!Array.isArray(value)) throw lbBadRequest(`${key} MBID format invalid.`);
    const mbids = value.filter((mbid) => mbid).map(canonicalUuid);
    if (mbids.includes(null)) throw lbBadRequest(`${key} MBID format invalid.`);
    info[key] = mbids;
  }
  return info;
}

/**
 * The canonical form of what Python's uuid.UUID() (ListenBrainz's is_valid_uuid) accepts: 32 hex
 * digits once "urn:", "uuid:", surrounding braces and every hyphen are removed; null otherwise.
 */
export function canonicalUuid(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const hex = value.replaceAll("urn:", "").replaceAll("uuid:", "").replace(/^[{}]+|[{}]+$/g, "").replaceAll("-", "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) return null;
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function validateDurations(info: Record<string, unknown>): void {
  const hasMs = info.duration_ms != null;
  const hasSeconds = info.duration != null;
  if (hasMs && hasSeconds) throw lbBadRequest("JSON document should not contain both duration and duration_ms.");
  if (hasSeconds) checkDuration(info, "duration", MAX_DURATION_SECONDS);
  if (hasMs) checkDuration(info, "duration_ms", MAX_DURATION_MS);
  // duration_played is not validated by ListenBrainz (clients send numbers or strings): the mapping uses it when it can.
}

function checkDuration(info: Record<string, unknown>, key: "duration_ms" | "duration", max: number): void {
  const value = toInt(info[key]);
  if (value === null || value <= 0) throw lbBadRequest(`Value for ${key} is invalid, should be a positive integer.`);
  if (value > max) throw lbBadRequest(`Value for ${key} is too large, max permitted value is ${max}`);
  info[key] = value;
}

/** A UTF-16 surrogate without its pair: JSON.parse lets it through, PostgreSQL cannot store it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text PostgreSQL cannot store is rejected anywhere in the listen, keys included: NUL with
 * ListenBrainz's message, and lone surrogates ("\ud800") with the parse error ListenBrainz's JSON
 * parser (orjson) gives them. Left to the database they would answer 503 and clients would retry forever.
 */
function rejectUnstorableText(value: unknown): void {
  if (typeof value === "string") {
    if (value.includes("\u0000")) throw lbBadRequest(`${value} contains a unicode null`);
    if (LONE_SURROGATE.test(value)) throw lbBadRequest("Cannot parse JSON document: str is not valid UTF-8: surrogates not allowed");
  } else if (Array.isArray(value)) {
    for (const item of value) rejectUnstorableText(item);
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      rejectUnstorableText(key);
      rejectUnstorableText(item);
    }
  }
}
