import { describe, expect, it } from "vitest";
import { validateNewPassword } from "./password.rules.js";
import { generateApiToken, generateSessionToken, hashToken, isApiTokenShape, isSessionTokenShape } from "./token.generator.js";

describe("tokens", () => {
  it("session tokens are 32 base32 characters (160 bits) and never repeat", () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateSessionToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(isSessionTokenShape(token)).toBe(true);
  });

  it("API tokens carry the tnrm_ prefix and are not session-shaped", () => {
    const token = generateApiToken();
    expect(token).toMatch(/^tnrm_[a-z2-7]{32}$/);
    expect(isApiTokenShape(token)).toBe(true);
    expect(isSessionTokenShape(token)).toBe(false);
    expect(isApiTokenShape(generateSessionToken())).toBe(false);
  });

  it("hashes with SHA-256 to lowercase hex", () => {
    // SHA-256("abc") from FIPS 180-2
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("validateNewPassword", () => {
  it("accepts 8 to 256 characters", () => {
    expect(validateNewPassword("x".repeat(8), "f")).toHaveLength(8);
    expect(validateNewPassword("x".repeat(256), "f")).toHaveLength(256);
  });
  it("rejects shorter or longer, naming the field", () => {
    expect(() => validateNewPassword("x".repeat(7), "input.password")).toThrow(/^input\.password: must be at least 8/);
    expect(() => validateNewPassword("x".repeat(257), "input.password")).toThrow(/^input\.password: must be at most 256/);
  });
});
