import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { UserRow } from "../../db/schema.js";
import type { Context } from "../../server/context.js";
import { User } from "../user/user.type.js";
import { nowPlayingServiceFor } from "./nowPlaying.context.js";
import { NowPlaying } from "./nowPlaying.type.js";

/** User.nowPlaying: lives here so the user module does not depend on now playing. */
@Resolver(() => User)
export class UserNowPlayingResolver {
  @FieldResolver(() => NowPlaying, { nullable: true, description: "Null when nothing plays, or the viewer may not see this user's history" })
  nowPlaying(@Root() user: UserRow, @Ctx() ctx: Context): Promise<NowPlaying | null> {
    return nowPlayingServiceFor(ctx).of(ctx.viewer, user);
  }
}
