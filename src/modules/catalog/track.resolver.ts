import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { AlbumRow, ArtistRow, TrackRow } from "../../db/schema.js";
import { fromGlobalId, toGlobalId } from "../../platform/globalId.js";
import type { Context } from "../../server/context.js";
import type { TrackItem } from "./catalogItem.js";
import { Album } from "./album.type.js";
import { Artist } from "./artist.type.js";
import type { ItemStatsValue } from "./itemStats.repository.js";
import { ItemStats } from "./itemStats.type.js";
import { Track } from "./track.type.js";

@Resolver(() => Track)
export class TrackResolver {
  @Query(() => Track, { nullable: true })
  track(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<TrackRow | null> {
    return ctx.loaders.catalog.trackById.load(fromGlobalId("Track", id, "id"));
  }

  @FieldResolver(() => ID)
  id(@Root() track: TrackItem): string {
    return toGlobalId("Track", track.id);
  }

  @FieldResolver(() => [Artist], { description: "Credited artists in order; the first is the primary artist" })
  artists(@Root() track: TrackItem, @Ctx() ctx: Context): Promise<ArtistRow[]> {
    return ctx.loaders.catalog.artistsByTrackId.load(track.id);
  }

  @FieldResolver(() => Album, { nullable: true })
  album(@Root() track: TrackItem, @Ctx() ctx: Context): Promise<AlbumRow | null> | null {
    return track.albumId ? ctx.loaders.catalog.albumById.load(track.albumId) : null;
  }

  @FieldResolver(() => String, { nullable: true })
  spotifyUri(@Root() track: TrackItem): string | null {
    return track.spotifyId ? `spotify:track:${track.spotifyId}` : null;
  }

  @FieldResolver(() => ItemStats, { nullable: true, description: "The viewer's own listening of this track; null without a viewer" })
  viewerStats(@Root() track: TrackItem, @Ctx() ctx: Context): Promise<ItemStatsValue | null> {
    return ctx.loaders.catalog.trackStats.load(track.id);
  }
}
