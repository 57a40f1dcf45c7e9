import { describe, expect, it } from "vitest";
import { parseRecord } from "../rowOutcome.js";
import { MONTH_BY_NAME } from "./monthNames.js";
import { takeoutLocalTime, zoneOffsetMinutes } from "./takeoutLocalTime.js";
import { ZONE_OFFSET_MINUTES } from "./timeZoneAbbreviations.js";

const utc = (text: string) => takeoutLocalTime(text).toISOString();

describe("takeoutLocalTime", () => {
  it("reads English times: US (12 h, narrow no-break space before PM) and GB (24 h)", () => {
    expect(utc("Dec 3, 2024, 10:15:32 PM CET")).toBe("2024-12-03T21:15:32.000Z");
    expect(utc("Dec 3, 2024, 10:15:32\u202fPM EST")).toBe("2024-12-04T03:15:32.000Z");
    expect(utc("Feb 4, 2022, 12:05:00 AM UTC")).toBe("2022-02-04T00:05:00.000Z");
    expect(utc("Feb 4, 2022, 12:30:00 PM UTC")).toBe("2022-02-04T12:30:00.000Z");
    expect(utc("3 Dec 2024, 22:15:32 GMT")).toBe("2024-12-03T22:15:32.000Z");
    expect(utc("3 June 2024, 22:15:32 BST")).toBe("2024-06-03T21:15:32.000Z");
    expect(utc("Sept 3, 2024, 9:05:00 a.m. PDT")).toBe("2024-09-03T16:05:00.000Z");
  });

  it("reads German, French, Spanish, Dutch, Italian and Portuguese dates", () => {
    expect(utc("03.12.2024, 22:15:32 MEZ")).toBe("2024-12-03T21:15:32.000Z");
    expect(utc("03.07.2024, 22:15:32 MESZ")).toBe("2024-07-03T20:15:32.000Z");
    expect(utc("3. Dez. 2024, 22:15:32 MEZ")).toBe("2024-12-03T21:15:32.000Z");
    expect(utc("3 déc. 2024, 22:15:32 UTC+1")).toBe("2024-12-03T21:15:32.000Z");
    expect(utc("4 févr. 2022, 16:20:56 CET")).toBe("2022-02-04T15:20:56.000Z");
    expect(utc("3 dic 2024, 22:15:32 CET")).toBe("2024-12-03T21:15:32.000Z");
    expect(utc("3 de diciembre de 2024, 22:15:32 CET")).toBe("2024-12-03T21:15:32.000Z");
    expect(utc("3 mrt 2024, 22:15:32 CET")).toBe("2024-03-03T21:15:32.000Z");
    expect(utc("3-12-2024 22:15:32 CET")).toBe("2024-12-03T21:15:32.000Z");
    expect(utc("3 ott 2024, 22:15:32 CEST")).toBe("2024-10-03T20:15:32.000Z");
    expect(utc("3 de dez. de 2024, 22:15:32 WET")).toBe("2024-12-03T22:15:32.000Z");
    expect(utc("03/12/2024, 22:15:32 GMT-03:00")).toBe("2024-12-04T01:15:32.000Z");
    expect(utc("2024-12-03, 22:15:32 UTC")).toBe("2024-12-03T22:15:32.000Z");
    expect(utc("2024/12/03 22:15:32 JST")).toBe("2024-12-03T13:15:32.000Z");
  });

  it("maps every zone in the table and GMT/UTC offsets", () => {
    expect(zoneOffsetMinutes("GMT+05:30")).toBe(330);
    expect(zoneOffsetMinutes("UTC-3")).toBe(-180);
    expect(zoneOffsetMinutes("GMT\u22122")).toBe(-120);
    expect(zoneOffsetMinutes("UTC+0530")).toBe(330);
    expect(zoneOffsetMinutes("GMT+15")).toBeNull();
    for (const [zone, minutes] of ZONE_OFFSET_MINUTES) {
      const expected = new Date(Date.UTC(2024, 0, 15, 12, 0, 0) - minutes * 60_000).toISOString();
      expect(utc(`Jan 15, 2024, 12:00:00 PM ${zone}`)).toBe(expected);
    }
    expect(utc("Jan 15, 2024, 12:00:00 PM IST")).toBe("2024-01-15T06:30:00.000Z");
    expect(utc("Jan 15, 2024, 12:00:00 PM AEDT")).toBe("2024-01-15T01:00:00.000Z");
  });

  it("no month word names two months", () => {
    expect(MONTH_BY_NAME.get("mar")).toBe(3);
    expect(MONTH_BY_NAME.get("mai")).toBe(5);
    expect(MONTH_BY_NAME.size).toBe(new Set(MONTH_BY_NAME.keys()).size);
  });

  it("refuses what it cannot read, naming the text, never guessing", () => {
    const error = (text: string) => parseRecord(takeoutLocalTime as (text: string) => never, text);
    expect(error("Dec 3, 2024, 10:15:32 PM XYZT")).toEqual({ kind: "error", message: 'time zone "XYZT" is not known: "Dec 3, 2024, 10:15:32 PM XYZT"' });
    expect(error("last week")).toEqual({ kind: "error", message: 'time is not a date: "last week"' });
    expect(error("Feb 30, 2024, 10:15:32 PM UTC")).toMatchObject({ kind: "error", message: expect.stringContaining("Feb 30") });
    expect(error("Foo 3, 2024, 10:15:32 PM UTC")).toMatchObject({ kind: "error" });
    expect(error("3 Dec 2024, 25:15:32 UTC")).toMatchObject({ kind: "error" });
    expect(error("Dec 3, 2024, 13:15:32 PM UTC")).toMatchObject({ kind: "error" });
    expect(error("2024年12月3日 22:15:32 JST")).toMatchObject({ kind: "error" });
  });
});
