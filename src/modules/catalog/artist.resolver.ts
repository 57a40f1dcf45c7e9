import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { AlbumRow, ArtistRow } from "../../db/schema.js";
import { fromGlobalId, toGlobalId } from "../../platform/globalId.js";
import type { Context } from "../../server/context.js";
import type { ArtistItem } from "./catalogItem.js";
import { Album } from "./album.type.js";
import { Artist } from "./artist.type.js";
import { catalogService } from "./catalog.service.js";
import type { ItemStatsValue } from "./itemStats.repository.js";
import { ItemStats } from "./itemStats.type.js";
import { TrackConnection } from "./track.connection.js";

@Resolver(() => Artist)
export class ArtistResolver {
  @Query(() => Artist, { nullable: true })
  artist(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<ArtistRow | null> {
    return ctx.loaders.catalog.artistById.load(fromGlobalId("Artist", id, "id"));
  }

  @FieldResolver(() => ID)
  id(@Root() artist: ArtistItem): string {
    return toGlobalId("Artist", artist.id);
  }

  @FieldResolver(() => [Album])
  albums(@Root() artist: ArtistItem, @Ctx() ctx: Context): Promise<AlbumRow[]> {
    return ctx.loaders.catalog.albumsByArtistId.load(artist.id);
  }

  @FieldResolver(() => TrackConnection)
  tracks(
    @Root() artist: ArtistItem,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<TrackConnection> {
    return catalogService.artistTracks(ctx.db, artist.id, { first, after });
  }

  @FieldResolver(() => ItemStats, { nullable: true, description: "The viewer's own listening of this artist (as primary artist); null without a viewer" })
  viewerStats(@Root() artist: ArtistItem, @Ctx() ctx: Context): Promise<ItemStatsValue | null> {
    return ctx.loaders.catalog.artistStats.load(artist.id);
  }
}
