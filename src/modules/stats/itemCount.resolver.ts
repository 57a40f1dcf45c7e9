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
 * catalog's loaders fetch it.
 */
@Resolver(() => ArtistCount)
export class ArtistCountResolver {
  @FieldResolver(() => Artist)
  async artist(@Root() ranked: RankedItem<ArtistItem>, @Ctx() ctx: Context): Promise<ArtistItem> {
    return ranked.item ?? (await ctx.loaders.catalog.artistById.load(ranked.id))!;
  }
}

@Resolver(() => TrackCount)
export class TrackCountResolver {
  @FieldResolver(() => Track)
  async track(@Root() ranked: RankedItem<TrackItem>, @Ctx() ctx: Context): Promise<TrackItem> {
    return ranked.item ?? (await ctx.loaders.catalog.trackById.load(ranked.id))!;
  }
}

@Resolver(() => AlbumCount)
export class AlbumCountResolver {
  @FieldResolver(() => Album)
  async album(@Root() ranked: RankedItem<AlbumItem>, @Ctx() ctx: Context): Promise<AlbumItem> {
    return ranked.item ?? (await ctx.loaders.catalog.albumById.load(ranked.id))!;
  }
}
