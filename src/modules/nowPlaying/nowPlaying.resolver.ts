import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { TrackRow, UserRow } from "../../db/schema.js";
import type { Context } from "../../server/context.js";
import { Track } from "../catalog/track.type.js";
import { User } from "../user/user.type.js";
import { nowPlayingServiceFor } from "./nowPlaying.context.js";
import { NowPlayingInput } from "./nowPlaying.input.js";
import { NowPlaying } from "./nowPlaying.type.js";

@Resolver(() => NowPlaying)
export class NowPlayingResolver {
  @Mutation(() => NowPlaying, { description: "The viewer starts playing a track; it shows for its duration (10 minutes by default)" })
  setNowPlaying(@Arg("input", () => NowPlayingInput) input: NowPlayingInput, @Ctx() ctx: Context): Promise<NowPlaying> {
    return nowPlayingServiceFor(ctx).set(ctx.viewer, input);
  }

  @FieldResolver(() => Track)
  async track(@Root() playing: NowPlaying, @Ctx() ctx: Context): Promise<TrackRow> {
    const track = await ctx.loaders.catalog.trackById.load(playing.trackId);
    if (!track) throw new Error(`NowPlaying of ${playing.userId}: track ${playing.trackId} missing`);
    return track;
  }

  @FieldResolver(() => User)
  async user(@Root() playing: NowPlaying, @Ctx() ctx: Context): Promise<UserRow> {
    const user = await ctx.loaders.users.userById.load(playing.userId);
    if (!user) throw new Error(`NowPlaying: user ${playing.userId} missing`);
    return user;
  }
}
