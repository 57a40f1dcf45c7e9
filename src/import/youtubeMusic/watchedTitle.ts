/**
 * Takeout writes each entry's `title` in the account's language: "Watched <title>" in English,
 * but "Vous avez regardé <title>", "Has visto <title>", "<title> angesehen"… elsewhere (the
 * JSON is otherwise the same). These are the templates other importers report from real
 * exports (two forms each for es, pt, de: sources disagree); a language not listed keeps its
 * words around the title (the play still imports, under a longer title).
 */
const WATCHED_TEMPLATES: RegExp[] = [
  /^Watched\s+(.+)$/s, // en
  /^Vous avez regardé\s+(.+)$/s, // fr
  /^(?:Has visto|Viste)\s+(.+)$/s, // es
  /^Hai guardato\s+(.+)$/s, // it
  /^(?:Você assistiu a|Você assistiu|Assistiu a)\s+(.+)$/s, // pt
  /^Angesehen:\s+(.+)$/s, // de
  /^(.+?)\s+angesehen$/s, // de
];

/** The video's title inside a Takeout entry title, in any of the languages above. */
export function watchedVideoTitle(entryTitle: string): string {
  // some languages put no-break spaces between the words ("Vous avez regardé\u00a0…")
  const text = entryTitle.replace(/\s+/g, " ");
  for (const template of WATCHED_TEMPLATES) {
    const match = template.exec(text);
    if (match) return match[1]!.trim();
  }
  return entryTitle;
}
