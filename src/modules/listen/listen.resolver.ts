import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { TrackRow, UserRow } from "../../db/schema.js";
import type { Context } from "../../server/context.js";
import { Track } from "../catalog/track.type.js";
import { User } from "../user/user.type.js";
import { HistoryFilter } from "./historyFilter.input.js";
import { listenServiceFor } from "./listen.context.js";
import { Listen, ListenConnection } from "./listen.type.js";
import { RecordListenInput } from "./recordListen.input.js";
import { RecordListensPayload } from "./recordListens.payload.js";

@Resolver(() => Listen)
export class ListenResolver {
  @Query(() => ListenConnection, { description: "The viewer's own history, newest first" })
  history(
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("last", () => Int, { nullable: true }) last: number | null,
    @Arg("before", () => String, { nullable: true }) before: string | null,
    @Arg("filter", () => HistoryFilter, { nullable: true }) filter: HistoryFilter | null,
    @Ctx() ctx: Context,
  ): Promise<ListenConnection> {
    return listenServiceFor(ctx).history(ctx.viewer, { first, after, last, before }, filter);
  }

  @Mutation(() => Listen, { description: "Records one play; an exact repeat returns the stored listen" })
  recordListen(@Arg("input", () => RecordListenInput) input: RecordListenInput, @Ctx() ctx: Context): Promise<Listen> {
    return listenServiceFor(ctx).recordOne(ctx.viewer, input);
  }

  @Mutation(() => RecordListensPayload, { description: "Records up to 1000 plays at once: all or nothing" })
  recordListens(
    @Arg("inputs", () => [RecordListenInput]) inputs: RecordListenInput[],
    @Ctx() ctx: Context,
  ): Promise<RecordListensPayload> {
    return listenServiceFor(ctx).record(ctx.viewer, inputs);
  }

  @Mutation(() => Boolean)
  deleteListen(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return listenServiceFor(ctx).delete(ctx.viewer, id);
  }

  @Mutation(() => Int, { description: "Deletes the viewer's listens matching the filter; returns how many" })
  deleteListens(@Arg("filter", () => HistoryFilter) filter: HistoryFilter, @Ctx() ctx: Context): Promise<number> {
    return listenServiceFor(ctx).deleteMatching(ctx.viewer, filter);
  }

  @FieldResolver(() => Track)
  async track(@Root() listen: Listen, @Ctx() ctx: Context): Promise<TrackRow> {
    const track = await ctx.loaders.catalog.trackById.load(listen.trackId);
    if (!track) throw new Error(`Listen ${listen.key}: track ${listen.trackId} missing`);
    return track;
  }

  @FieldResolver(() => User)
  async user(@Root() listen: Listen, @Ctx() ctx: Context): Promise<UserRow> {
    const user = await ctx.loaders.users.userById.load(listen.userId);
    if (!user) throw new Error(`Listen ${listen.key}: user ${listen.userId} missing`);
    return user;
  }
}
