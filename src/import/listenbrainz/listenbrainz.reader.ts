import { type EntryReader, jsonArrayReader, jsonLinesReader } from "../entryReader.js";
import { bomLength, entryPrefix } from "../text/entryBytes.js";
import { parseListenbrainzListen } from "./listenbrainz.parser.js";

const asArray = jsonArrayReader(parseListenbrainzListen, "ListenBrainz listens");
const asLines = jsonLinesReader(parseListenbrainzListen);

/** The current export's `listens/<YYYY>/<M>.jsonl` and bare .jsonl files, or the old single JSON array. */
export const listenbrainzReader: EntryReader = {
  async *read(entry) {
    const head = await entryPrefix(entry, 4096);
    const first = head.toString("utf8", bomLength(head)).trimStart()[0];
    yield* (first === "[" ? asArray : asLines).read(entry);
  },
};
