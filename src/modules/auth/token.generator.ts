import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/** Prefix of API tokens: makes them recognisable (secret scanners, logs) and distinct from session tokens. */
export const API_TOKEN_PREFIX = "tnrm_";

/** 20 random bytes = 160 bits, comfortably above the 120 bits the Lucia guide asks for. */
const TOKEN_BYTES = 20;

function randomBase32(): string {
  const bytes = new Uint8Array(TOKEN_BYTES);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** A session token: 32 lowercase base32 characters. Only its hash is stored. */
export function generateSessionToken(): string {
  return randomBase32();
}

/** An API token, shown to its owner once: `tnrm_` + 32 lowercase base32 characters. */
export function generateApiToken(): string {
  return API_TOKEN_PREFIX + randomBase32();
}

/**
 * Hex SHA-256 of a token: what the database stores and looks up. Tokens are high-entropy, so a
 * fast unsalted hash is enough, and a leaked table does not give working credentials.
 */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Session tokens are exactly what generateSessionToken makes; anything else is rejected unhashed. */
export function isSessionTokenShape(token: string): boolean {
  return /^[a-z2-7]{32}$/.test(token);
}

export function isApiTokenShape(token: string): boolean {
  return /^tnrm_[a-z2-7]{32}$/.test(token);
}
