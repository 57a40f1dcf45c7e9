import { type EntryReader, located } from "../entryReader.js";
import { parseRecord, RowError } from "../rowOutcome.js";
import { jsonElementBatches } from "../text/jsonElements.js";
import { lastfmPageTracks, parseLastfmJsonTrack } from "./lastfmJson.parser.js";

/**
 * One page (`{"recenttracks":…}`), an array of pages, or ghan.nl's array of unwrapped pages.
 * `local` counts tracks across the entry's pages; messages name the page and its track.
 */
export const lastfmJsonReader: EntryReader = {
  async *read(entry) {
    let local = 0;
    let page = 0;
    for await (const pages of jsonElementBatches(entry, { expected: "Last.fm recenttracks pages", allowObject: true })) {
      for (const element of pages) {
        page++;
        let tracks: unknown[];
        try {
          tracks = lastfmPageTracks(element);
        } catch (error) {
          if (!(error instanceof RowError)) throw error;
          yield [{ local: ++local, outcome: { kind: "error", message: `page ${page}: ${error.message}` } }];
          continue;
        }
        yield tracks.map((track, index) => ({
          local: ++local,
          outcome: located(`page ${page}, track`, index + 1, parseRecord(parseLastfmJsonTrack, track)).outcome,
        }));
      }
    }
  },
};
