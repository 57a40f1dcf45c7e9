import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.js";
import { validateDisplayName, validateEmail, validateTimezone, validateUsername } from "./user.rules.js";

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a BAD_USER_INPUT error");
}

describe("validateUsername", () => {
  it.each(["abc", "a_b.c-d", "9lives", "A".repeat(30), "Mixed.Case"])("accepts %j", (name) => {
    expect(validateUsername(name, "f")).toBe(name);
  });
  it.each(["ab", "A".repeat(31), "_abc", ".abc", "-abc", "with space", "ümlaut", "a@b.c", "emoji🎵"])("rejects %j", (name) => {
    const error = failure(() => validateUsername(name, "input.username"));
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.username" });
    expect(error.message.startsWith("input.username: ")).toBe(true);
  });
});

describe("validateEmail", () => {
  it.each(["a@b.co", "first.last+tag@sub.example.org", "UPPER@EXAMPLE.COM"])("accepts %j", (email) => {
    expect(validateEmail(email, "f")).toBe(email);
  });
  it.each(["", "plain", "a@b", "a@@b.co", "a b@c.de", "@b.co", "a@.co", "a@b.", `${"a".repeat(249)}@b.com`])("rejects %j", (email) => {
    expect(failure(() => validateEmail(email, "input.email")).extensions.field).toBe("input.email");
  });
  it("allows exactly 254 characters", () => {
    const email = `${"a".repeat(248)}@b.com`;
    expect(email.length).toBe(254);
    expect(validateEmail(email, "f")).toBe(email);
  });
});

describe("validateTimezone", () => {
  it.each([
    ["UTC", "UTC"],
    ["Europe/Berlin", "Europe/Berlin"],
    ["america/new_york", "America/New_York"],
    ["Etc/GMT+1", "Etc/GMT+1"],
  ])("accepts %j as %j", (zone, canonical) => {
    expect(validateTimezone(zone, "f")).toBe(canonical);
  });
  it.each(["", "Mars/Olympus", "+01:00", "-05:00", "GMT+25", "x".repeat(65)])("rejects %j", (zone) => {
    expect(failure(() => validateTimezone(zone, "input.timezone")).message).toMatch(/^input\.timezone: .*IANA/);
  });
});

describe("validateDisplayName", () => {
  it("trims, and treats empty as no name", () => {
    expect(validateDisplayName("  Ada  ", "f")).toBe("Ada");
    expect(validateDisplayName("   ", "f")).toBeNull();
    expect(validateDisplayName(null, "f")).toBeNull();
  });
  it("allows 100 characters and rejects 101 or control characters", () => {
    expect(validateDisplayName("é".repeat(100), "f")).toHaveLength(100);
    expect(failure(() => validateDisplayName("x".repeat(101), "input.displayName")).message).toMatch(/at most 100/);
    expect(failure(() => validateDisplayName("a\nb", "input.displayName")).message).toMatch(/control/);
  });
});
