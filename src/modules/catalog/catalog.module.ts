import type { ModuleDefinition } from "../../server/module.js";
import { AlbumResolver } from "./album.resolver.js";
import { ArtistResolver } from "./artist.resolver.js";
import { SearchResolver } from "./search.resolver.js";
import { TrackResolver } from "./track.resolver.js";

/** Artists, albums, tracks and search; node(id) and federation look-ups go through the loaders. */
export const catalogModule: ModuleDefinition = {
  resolvers: [ArtistResolver, AlbumResolver, TrackResolver, SearchResolver],
  nodes: {
    Artist: (ctx, key) => ctx.loaders.catalog.artistById.load(key),
    Album: (ctx, key) => ctx.loaders.catalog.albumById.load(key),
    Track: (ctx, key) => ctx.loaders.catalog.trackById.load(key),
  },
};
