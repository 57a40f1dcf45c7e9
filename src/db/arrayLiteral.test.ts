import { describe, expect, it } from "vitest";
import { arrayLiteral, plainArrayLiteral } from "./arrayLiteral.js";

describe("arrayLiteral", () => {
  it("quotes every element and escapes quotes and backslashes", () => {
    expect(arrayLiteral(["a", 'say "hi"', "back\\slash", "", "x,y{z}"])).toBe('{"a","say \\"hi\\"","back\\\\slash","","x,y{z}"}');
  });

  it("writes null as an unquoted NULL and an empty list as {}", () => {
    expect(arrayLiteral([null, "NULL"])).toBe('{NULL,"NULL"}');
    expect(arrayLiteral([])).toBe("{}");
  });

  it("writes numbers, booleans and ids as they are for the typed arrays of a batch", () => {
    expect(plainArrayLiteral([1, null, true, "6f1c2a9e-0000-4000-8000-000000000001"])).toBe("{1,NULL,true,6f1c2a9e-0000-4000-8000-000000000001}");
  });
});
