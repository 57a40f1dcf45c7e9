import { describe, expect, it } from "vitest";
import { arrayLiteral } from "./arrayLiteral.js";

describe("arrayLiteral", () => {
  it("quotes every element and escapes quotes and backslashes", () => {
    expect(arrayLiteral(["a", 'say "hi"', "back\\slash", "", "x,y{z}"])).toBe('{"a","say \\"hi\\"","back\\\\slash","","x,y{z}"}');
  });

  it("writes null as an unquoted NULL and an empty list as {}", () => {
    expect(arrayLiteral([null, "NULL"])).toBe('{NULL,"NULL"}');
    expect(arrayLiteral([])).toBe("{}");
  });
});
