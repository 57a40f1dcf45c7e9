import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../server/context.js";
import { Album } from "../catalog/album.type.js";
import { Artist } from "../catalog/artist.type.js";
import type { AlbumItem, ArtistItem, TrackItem } from "../catalog/catalogItem.js";
import { Track } from "../catalog/track.type.js";
import { AlbumCount, ArtistCount, type RankedItem, TrackCount } from "./itemCount.type.js";

/**
 * A ranked row carries its catalog row (read with the ranking, cached with it: a cached top list
 * costs no catalog look-up). A cache entry written before rows were kept has only the id: then the
 * catalog's loaders fetch it. Not async: 50 items would be 50 promises for nothing.
 */
@Resolver(() => ArtistCount)
export class ArtistCountResolver {
  @FieldResolver(() => Artist)
  artist(@Root() ranked: RankedItem<ArtistItem>, @Ctx() ctx: Context): ArtistItem | Promise<ArtistItem> {
    return ranked.item ?? ctx.loaders.catalog.artistById.load(ranked.id).then((row) => row!);
  }
}

@Resolver(() => TrackCount)
export class TrackCountResolver {
  @FieldResolver(() => Track)
  track(@Root() ranked: RankedItem<TrackItem>, @Ctx() ctx: Context): TrackItem | Promise<TrackItem> {
    return ranked.item ?? ctx.loaders.catalog.trackById.load(ranked.id).then((row) => row!);
  }
}

@Resolver(() => AlbumCount)
export class AlbumCountResolver {
  @FieldResolver(() => Album)
  album(@Root() ranked: RankedItem<AlbumItem>, @Ctx() ctx: Context): AlbumItem | Promise<AlbumItem> {
    return ranked.item ?? ctx.loaders.catalog.albumById.load(ranked.id).then((row) => row!);
  }
}
