import { badUserInput } from "../../platform/errors.js";
import { fromGlobalId } from "../../platform/globalId.js";
import type { ListenSource } from "../../db/schema.js";
import type { HistoryFilter } from "./historyFilter.input.js";

/** A HistoryFilter with ids decoded to database keys and defaults applied. */
export type ListenFilter = {
  from: Date | null;
  to: Date | null;
  artistId: string | null;
  trackId: string | null;
  albumId: string | null;
  source: ListenSource | null;
  includeUncounted: boolean;
};

/** Decodes and checks a HistoryFilter; BAD_USER_INPUT names `<path>.<field>`. */
export function parseHistoryFilter(filter: HistoryFilter | null | undefined, path = "filter"): ListenFilter {
  const from = filter?.from ?? null;
  const to = filter?.to ?? null;
  if (from && to && from.getTime() > to.getTime()) throw badUserInput(`${path}.from`, "must not be after filter.to");
  const id = (type: "Artist" | "Track" | "Album", value: string | null | undefined, field: string) =>
    value == null ? null : fromGlobalId(type, value, `${path}.${field}`);
  return {
    from,
    to,
    artistId: id("Artist", filter?.artistId, "artistId"),
    trackId: id("Track", filter?.trackId, "trackId"),
    albumId: id("Album", filter?.albumId, "albumId"),
    source: filter?.source ?? null,
    includeUncounted: filter?.includeUncounted ?? false,
  };
}
