import type { EntryReader } from "../entryReader.js";
import { located } from "../entryReader.js";
import { parseRecord } from "../rowOutcome.js";
import { htmlActivityBatches } from "../text/takeoutHtmlCells.js";
import { parseYoutubeMusicHtmlEntry } from "./youtubeMusicHtml.parser.js";

/** watch-history.html: one row per activity; `local` is the activity's 1-based index in the file. */
export const youtubeMusicHtmlReader: EntryReader = {
  async *read(entry) {
    let local = 0;
    for await (const activities of htmlActivityBatches(entry)) {
      yield activities.map((activity) => located("entry", ++local, parseRecord(parseYoutubeMusicHtmlEntry, activity)));
    }
  },
};
