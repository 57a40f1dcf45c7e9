import { Arg, Ctx, Resolver, Root, Subscription } from "type-graphql";
import { notFound } from "../../platform/errors.js";
import type { Context } from "../../server/context.js";
import { createLoaders } from "../../server/loaders.js";
import { listenServiceFor } from "../listen/listen.context.js";
import { Listen } from "../listen/listen.type.js";
import { openLivePlays } from "./live.service.js";
import type { LivePlay } from "./live.topics.js";

@Resolver()
export class LivePlaysResolver {
  @Subscription(() => Listen, {
    description: "Each new listen of a user the viewer may see (the viewer when no username)",
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      return openLivePlays(ctx.viewer, { db: ctx.db, pubsub: ctx.pubsub }, (args as { username?: string | null }).username);
    },
  })
  async livePlays(
    @Root() play: LivePlay,
    @Arg("username", () => String, { nullable: true }) _username: string | null,
    @Ctx() ctx: Context,
  ): Promise<Listen> {
    // One context serves the whole subscription: fresh loaders per event, so nothing cached
    // at subscribe time (a track, a user's visibility) outlives the event it was read for.
    ctx.loaders = createLoaders(ctx.db, ctx.viewer);
    const listen = await listenServiceFor(ctx).findVisible(ctx.viewer, play.listenId);
    if (!listen) throw notFound("Listen"); // deleted (or hidden) between storing and this event
    return listen;
  }
}
