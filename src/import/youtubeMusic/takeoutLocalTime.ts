import { RowError } from "../rowOutcome.js";
import { monthOf } from "./monthNames.js";
import { ZONE_OFFSET_MINUTES } from "./timeZoneAbbreviations.js";

/**
 * A watch-history.html time: the local date and time in the account's language, then a zone
 * abbreviation ("Dec 3, 2024, 10:15:32 PM CET", "3 Dec 2024, 22:15:32 GMT",
 * "03.12.2024, 22:15:32 MEZ", "3 déc. 2024, 22:15:32 UTC+1"). The date is month-name
 * ("Dec 3, 2024", "3 Dec 2024", "3 de dez. de 2024") or numeric day-first ("03.12.2024",
 * "03/12/2024", "3-12-2024"; English Takeouts spell the month, so a numeric date is never
 * US month-first) or year-first ("2024-12-03", "2024/12/03": always year, month, day).
 * Throws a RowError naming the text when any part cannot be read: a wrong offset would store the
 * play at a wrong hour, so nothing is guessed.
 */
export function takeoutLocalTime(raw: string): Date {
  // Google puts a narrow no-break space before AM/PM; other languages use no-break spaces
  const text = raw.replace(/[\s\u00a0\u202f\u2009]+/g, " ").trim();
  const parts = TIME.exec(text);
  if (!parts?.groups) throw new RowError(`time is not a date: ${JSON.stringify(text)}`);
  const { date, hour, minute, second, meridiem, zone } = parts.groups as Record<string, string | undefined>;
  const day = calendarDate(date!);
  const offset = zoneOffsetMinutes(zone!);
  if (offset === null) throw new RowError(`time zone ${JSON.stringify(zone)} is not known: ${JSON.stringify(text)}`);
  const hours = hour24(Number(hour), meridiem);
  const minutes = Number(minute);
  const seconds = second === undefined ? 0 : Number(second);
  if (day === null || hours === null || minutes > 59 || seconds > 59) throw new RowError(`time is not a date: ${JSON.stringify(text)}`);
  return new Date(Date.UTC(day.year, day.month - 1, day.day, hours, minutes, seconds) - offset * 60_000);
}

/** "<date>, <h>:<mm>[:<ss>] [AM|PM] <zone>"; some languages put a word between date and time. */
const TIME =
  /^(?<date>.+?)[,\s]+(?:(?:um|à|às|a las|alle|om)\s+)?(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?\s?(?<meridiem>[AaPp]\.?\s?[Mm]\.?)?\s(?<zone>\S+)$/;

/** A 12-hour clock's hour (12 AM is midnight, 12 PM noon), or a 24-hour one; null when out of range. */
function hour24(hour: number, meridiem: string | undefined): number | null {
  if (meridiem === undefined) return hour <= 23 ? hour : null;
  if (hour < 1 || hour > 12) return null;
  const pm = /^p/i.test(meridiem);
  return (hour % 12) + (pm ? 12 : 0);
}

/** Offset from UTC in minutes of an abbreviation (see timeZoneAbbreviations.ts) or "GMT+5:30", "UTC-03:00", "GMT+1". */
export function zoneOffsetMinutes(zone: string): number | null {
  const known = ZONE_OFFSET_MINUTES.get(zone.toUpperCase());
  if (known !== undefined) return known;
  const offset = /^(?:GMT|UTC)([+\-\u2212])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone);
  if (!offset) return null;
  const hours = Number(offset[2]);
  const minutes = offset[3] === undefined ? 0 : Number(offset[3]);
  if (hours > 14 || minutes > 59) return null;
  return (offset[1] === "+" ? 1 : -1) * (hours * 60 + minutes);
}

type CalendarDate = { year: number; month: number; day: number };

/** Words left out between a date's parts ("3 de dez. de 2024"). */
const FILLERS = new Set(["de", "del"]);

/** The calendar date of a date part, or null when it is not one (or not a real day: Feb 30). */
function calendarDate(text: string): CalendarDate | null {
  const found = numericDate(text) ?? wordDate(text);
  if (!found) return null;
  const check = new Date(Date.UTC(found.year, found.month - 1, found.day));
  const real = check.getUTCFullYear() === found.year && check.getUTCMonth() === found.month - 1 && check.getUTCDate() === found.day;
  return real ? found : null;
}

function numericDate(text: string): CalendarDate | null {
  const iso = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(text);
  if (iso) return { year: Number(iso[1]), month: Number(iso[3]), day: Number(iso[4]) };
  const dayFirst = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/.exec(text);
  if (dayFirst) return { year: Number(dayFirst[4]), month: Number(dayFirst[3]), day: Number(dayFirst[1]) };
  return null;
}

/** Three words in any order: a 4-digit year, a day ("3", "3."), a month name ("Dec", "déc.", "dez."). */
function wordDate(text: string): CalendarDate | null {
  const words = text.split(/[\s,]+/).filter((word) => word.length > 0 && !FILLERS.has(word.toLowerCase()));
  if (words.length !== 3) return null;
  let year: number | null = null;
  let month: number | null = null;
  let day: number | null = null;
  for (const word of words) {
    if (/^\d{4}$/.test(word) && year === null) year = Number(word);
    else if (/^\d{1,2}\.?$/.test(word) && day === null) day = parseInt(word, 10);
    else if (month === null && monthOf(word) !== null) month = monthOf(word);
    else return null;
  }
  return year !== null && month !== null && day !== null ? { year, month, day } : null;
}
