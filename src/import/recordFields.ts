import { RowError } from "./rowOutcome.js";

/**
 * Readers for the loosely typed fields of export records: every source sends strings with
 * trailing spaces, numbers as strings, "" for "none". NUL characters are refused (PostgreSQL
 * text cannot hold them).
 */

/** A trimmed non-empty string, or null. */
export function optionalText(value: unknown, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") {
    if (typeof value === "number") return String(value);
    throw new RowError(`${field} is not text`);
  }
  if (value.includes("\u0000")) throw new RowError(`${field} contains a NUL character`);
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : null;
}

/** A finite number from a number or a numeric string ("186000.0"), or null when absent/empty. */
export function optionalNumber(value: unknown, field: string): number | null {
  if (value === null || value === undefined || value === "") return null;
  const number = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : NaN;
  if (!Number.isFinite(number)) throw new RowError(`${field} is not a number: ${JSON.stringify(value)}`);
  return number;
}

/** A non-negative whole number of milliseconds, or null. */
export function optionalMilliseconds(value: unknown, field: string): number | null {
  const number = optionalNumber(value, field);
  if (number === null) return null;
  if (number < 0) throw new RowError(`${field} is negative: ${number}`);
  return Math.round(number);
}

/** A date from an ISO string; throws a RowError when unreadable. */
export function isoDate(value: unknown, field: string): Date {
  const text = optionalText(value, field);
  if (text === null) throw new RowError(`${field} is missing`);
  const date = new Date(utcTime(text));
  if (Number.isNaN(date.getTime())) throw new RowError(`${field} is not a date: ${JSON.stringify(text)}`);
  return date;
}

/** An ISO date-time without a zone: "2023-08-07 21:07:25" (Spotify's own guide shows ts so). */
const ZONELESS = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/**
 * Epoch ms of an ISO date-time (NaN when unreadable). Every source here writes UTC, so a time
 * without a zone is UTC too: JavaScript would read it in the server's local time zone.
 */
export function utcTime(text: string): number {
  return Date.parse(ZONELESS.test(text) ? `${text.replace(" ", "T")}Z` : text);
}

/** A date from unix seconds (number or numeric string). */
export function unixSecondsDate(value: unknown, field: string): Date {
  const seconds = optionalNumber(value, field);
  if (seconds === null) throw new RowError(`${field} is missing`);
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) throw new RowError(`${field} is out of range: ${seconds}`);
  return date;
}

const MBID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A MusicBrainz id, or null when absent or malformed (sources send "" and junk). */
export function optionalMbid(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return MBID.test(trimmed) ? trimmed.toLowerCase() : null;
}

const SPOTIFY_TRACK = /(?:spotify:track:|open\.spotify\.com\/track\/)([0-9A-Za-z]{22})/;
const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;

/** The 22-char id from "spotify:track:<id>", an open.spotify.com URL or a bare id. */
export function spotifyTrackId(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  if (SPOTIFY_ID.test(trimmed)) return trimmed;
  return SPOTIFY_TRACK.exec(trimmed)?.[1] ?? null;
}

/** A plain JSON object, or null. */
export function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
