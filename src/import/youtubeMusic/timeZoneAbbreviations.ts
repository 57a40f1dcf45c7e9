/**
 * The zone abbreviations Takeout writes after a watch-history.html time, as offsets from UTC in
 * minutes. Only abbreviations that name one offset are listed; ones used by several zones are
 * read the way Google writes them for its locales (noted). Offsets such as "GMT+5:30", "UTC+1",
 * "GMT-03:00" are read by pattern (see takeoutLocalTime.ts), not listed here. An abbreviation not
 * listed makes the entry an error row (never a guess).
 *
 * | abbreviation | offset | zone |
 * | --- | --- | --- |
 * | UTC, GMT, Z | +0:00 | Coordinated Universal Time |
 * | WET / WEST | +0:00 / +1:00 | Western European (Portugal, Canary Islands) |
 * | BST | +1:00 | British Summer Time (not Bangladesh: Google writes "GMT+6" there) |
 * | IST | +5:30 | India (not Irish or Israel time: Google writes GMT+1 / GMT+2 there) |
 * | CET / CEST, MEZ / MESZ | +1:00 / +2:00 | Central European (German: MEZ / MESZ) |
 * | EET / EEST, OEZ / OESZ | +2:00 / +3:00 | Eastern European (German: OEZ / OESZ) |
 * | WEZ / WESZ | +0:00 / +1:00 | Western European (German) |
 * | MSK | +3:00 | Moscow |
 * | EST / EDT | −5:00 / −4:00 | North American Eastern |
 * | CST / CDT | −6:00 / −5:00 | North American Central (not China: Google writes GMT+8 there) |
 * | MST / MDT | −7:00 / −6:00 | North American Mountain |
 * | PST / PDT | −8:00 / −7:00 | North American Pacific |
 * | AKST / AKDT | −9:00 / −8:00 | Alaska |
 * | HST | −10:00 | Hawaii |
 * | JST | +9:00 | Japan |
 * | KST | +9:00 | Korea |
 * | AWST | +8:00 | Western Australia |
 * | ACST / ACDT | +9:30 / +10:30 | Central Australia |
 * | AEST / AEDT | +10:00 / +11:00 | Eastern Australia |
 * | NZST / NZDT | +12:00 / +13:00 | New Zealand |
 */
export const ZONE_OFFSET_MINUTES: ReadonlyMap<string, number> = new Map([
  ["UTC", 0],
  ["GMT", 0],
  ["Z", 0],
  ["WET", 0],
  ["WEST", 60],
  ["WEZ", 0],
  ["WESZ", 60],
  ["BST", 60],
  ["IST", 330],
  ["CET", 60],
  ["CEST", 120],
  ["MEZ", 60],
  ["MESZ", 120],
  ["EET", 120],
  ["EEST", 180],
  ["OEZ", 120],
  ["OESZ", 180],
  ["MSK", 180],
  ["EST", -300],
  ["EDT", -240],
  ["CST", -360],
  ["CDT", -300],
  ["MST", -420],
  ["MDT", -360],
  ["PST", -480],
  ["PDT", -420],
  ["AKST", -540],
  ["AKDT", -480],
  ["HST", -600],
  ["JST", 540],
  ["KST", 540],
  ["AWST", 480],
  ["ACST", 570],
  ["ACDT", 630],
  ["AEST", 600],
  ["AEDT", 660],
  ["NZST", 720],
  ["NZDT", 780],
]);
