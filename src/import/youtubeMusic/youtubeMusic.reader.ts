import type { UploadEntry } from "../archive/uploadEntries.js";
import { jsonArrayReader, type EntryReader } from "../entryReader.js";
import { bomLength, entryPrefix } from "../text/entryBytes.js";
import { parseYoutubeMusicEntry } from "./youtubeMusic.parser.js";
import { youtubeMusicHtmlReader } from "./youtubeMusicHtml.reader.js";

const jsonReader = jsonArrayReader(parseYoutubeMusicEntry, "watch-history entries");

/** Takeout writes the watch history as JSON or as HTML (its default): each entry is read as what it holds. */
export const youtubeMusicReader: EntryReader = {
  async *read(entry) {
    yield* (await isHtml(entry)) ? youtubeMusicHtmlReader.read(entry) : jsonReader.read(entry);
  },
};

/** HTML starts with a tag; JSON with "[" (a plain upload may have any name, so the content tells). */
async function isHtml(entry: UploadEntry): Promise<boolean> {
  const head = await entryPrefix(entry, 1024);
  return head.toString("utf8", bomLength(head)).trimStart().startsWith("<");
}
