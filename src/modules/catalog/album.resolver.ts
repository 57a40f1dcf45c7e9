import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { AlbumRow, ArtistRow, TrackRow } from "../../db/schema.js";
import { fromGlobalId, toGlobalId } from "../../platform/globalId.js";
import type { Context } from "../../server/context.js";
import type { AlbumItem } from "./catalogItem.js";
import { Album } from "./album.type.js";
import { Artist } from "./artist.type.js";
import type { ItemStatsValue } from "./itemStats.repository.js";
import { ItemStats } from "./itemStats.type.js";
import { Track } from "./track.type.js";

@Resolver(() => Album)
export class AlbumResolver {
  @Query(() => Album, { nullable: true })
  album(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<AlbumRow | null> {
    return ctx.loaders.catalog.albumById.load(fromGlobalId("Album", id, "id"));
  }

  @FieldResolver(() => ID)
  id(@Root() album: AlbumItem): string {
    return toGlobalId("Album", album.id);
  }

  @FieldResolver(() => Artist)
  async artist(@Root() album: AlbumItem, @Ctx() ctx: Context): Promise<ArtistRow> {
    const artist = await ctx.loaders.catalog.artistById.load(album.artistId);
    if (!artist) throw new Error(`Album ${album.id}: artist ${album.artistId} missing`);
    return artist;
  }

  @FieldResolver(() => [Track])
  tracks(@Root() album: AlbumItem, @Ctx() ctx: Context): Promise<TrackRow[]> {
    return ctx.loaders.catalog.tracksByAlbumId.load(album.id);
  }

  @FieldResolver(() => ItemStats, { nullable: true, description: "The viewer's own listening of this album; null without a viewer" })
  viewerStats(@Root() album: AlbumItem, @Ctx() ctx: Context): Promise<ItemStatsValue | null> {
    return ctx.loaders.catalog.albumStats.load(album.id);
  }
}
