import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { AlbumRow, ArtistRow, TrackRow } from "../../db/schema.js";
import type { Context } from "../../server/context.js";
import { Album } from "../catalog/album.type.js";
import { Artist } from "../catalog/artist.type.js";
import { Track } from "../catalog/track.type.js";
import { AlbumCount, ArtistCount, type RankedItem, TrackCount } from "./itemCount.type.js";

/** Ranked rows carry catalog ids; the items come from the catalog's loaders (one statement per kind). */
@Resolver(() => ArtistCount)
export class ArtistCountResolver {
  @FieldResolver(() => Artist)
  async artist(@Root() item: RankedItem, @Ctx() ctx: Context): Promise<ArtistRow> {
    return (await ctx.loaders.catalog.artistById.load(item.id))!;
  }
}

@Resolver(() => TrackCount)
export class TrackCountResolver {
  @FieldResolver(() => Track)
  async track(@Root() item: RankedItem, @Ctx() ctx: Context): Promise<TrackRow> {
    return (await ctx.loaders.catalog.trackById.load(item.id))!;
  }
}

@Resolver(() => AlbumCount)
export class AlbumCountResolver {
  @FieldResolver(() => Album)
  async album(@Root() item: RankedItem, @Ctx() ctx: Context): Promise<AlbumRow> {
    return (await ctx.loaders.catalog.albumById.load(item.id))!;
  }
}
