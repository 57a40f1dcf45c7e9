/**
 * Month names and abbreviations as Takeout writes them in a watch-history.html date, in the
 * languages read here (en, de, fr, es, nl, it, pt), lower-case and without a trailing dot. No
 * word names two different months in these languages ("mar" is March in en/es/it/pt; French
 * writes "mars"), so one table serves them all.
 */
const MONTHS: string[][] = [
  ["jan", "january", "januar", "jänner", "janv", "janvier", "ene", "enero", "januari", "gen", "gennaio", "janeiro"],
  ["feb", "february", "februar", "févr", "fevr", "février", "febrero", "februari", "febbraio", "fev", "fevereiro"],
  ["mar", "march", "märz", "mär", "mars", "marzo", "mrt", "maart", "março"],
  ["apr", "april", "avr", "avril", "abr", "abril", "aprile"],
  ["may", "mai", "mayo", "mei", "mag", "maggio", "maio"],
  ["jun", "june", "juni", "juin", "junio", "giu", "giugno", "junho"],
  ["jul", "july", "juli", "juil", "juillet", "julio", "lug", "luglio", "julho"],
  ["aug", "august", "août", "aout", "ago", "agosto", "augustus"],
  ["sep", "sept", "september", "septembre", "septiembre", "setiembre", "set", "settembre", "setembro"],
  ["oct", "october", "okt", "oktober", "octobre", "octubre", "ott", "ottobre", "out", "outubro"],
  ["nov", "november", "novembre", "noviembre", "novembro"],
  ["dec", "december", "dez", "dezember", "déc", "décembre", "dic", "diciembre", "dicembre", "dezembro"],
];

/** Month (1–12) by name or abbreviation. */
export const MONTH_BY_NAME: ReadonlyMap<string, number> = new Map(MONTHS.flatMap((names, index) => names.map((name) => [name, index + 1] as const)));

/** The month (1–12) a word names, or null. */
export function monthOf(word: string): number | null {
  return MONTH_BY_NAME.get(word.toLowerCase().replace(/\.$/, "")) ?? null;
}
