import { badUserInput } from "../../platform/errors.js";

/**
 * Validation rules for account fields. Each takes the field path the client sent (e.g.
 * "input.username") so the BAD_USER_INPUT message names it, and returns the value to store.
 */

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
export const USERNAME_MIN = 3;
export const USERNAME_MAX = 30;

export function validateUsername(username: string, field: string): string {
  if (username.length < USERNAME_MIN || username.length > USERNAME_MAX) {
    throw badUserInput(field, `must be ${USERNAME_MIN} to ${USERNAME_MAX} characters long`);
  }
  if (!USERNAME.test(username)) {
    throw badUserInput(field, "may contain only letters, digits, '_', '.' and '-', and must start with a letter or digit");
  }
  return username;
}

/** RFC 5321 caps a forward path at 256 octets including the angle brackets, so 254 for the address. */
export const EMAIL_MAX = 254;
/** Deliberately loose: one @, something on each side, a dot in the domain, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function validateEmail(email: string, field: string): string {
  if (email.length > EMAIL_MAX) throw badUserInput(field, `must be at most ${EMAIL_MAX} characters`);
  if (!EMAIL.test(email)) throw badUserInput(field, "is not a valid email address");
  return email;
}

/**
 * An IANA zone name that ICU knows, returned in its canonical spelling (e.g. "europe/berlin" →
 * "Europe/Berlin"). Raw offsets such as "+01:00" are refused: stats need a zone with DST rules.
 */
export function validateTimezone(timezone: string, field: string): string {
  const invalid = () => badUserInput(field, `"${timezone.slice(0, 64)}" is not an IANA time zone, e.g. Europe/Berlin or UTC`);
  if (timezone.length === 0 || timezone.length > 64 || /^[+-]/.test(timezone)) throw invalid();
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: timezone }).resolvedOptions().timeZone;
  } catch {
    throw invalid();
  }
}

export const DISPLAY_NAME_MAX = 100;

/** Trimmed; empty means "no display name" (null). Control characters would break rendering. */
export function validateDisplayName(displayName: string | null, field: string): string | null {
  if (displayName === null) return null;
  const trimmed = displayName.trim();
  if (trimmed.length === 0) return null;
  if (trimmed.length > DISPLAY_NAME_MAX) throw badUserInput(field, `must be at most ${DISPLAY_NAME_MAX} characters`);
  if (/\p{Cc}/u.test(trimmed)) throw badUserInput(field, "must not contain control characters");
  return trimmed;
}
