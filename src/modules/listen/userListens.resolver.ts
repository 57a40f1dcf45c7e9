import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { UserRow } from "../../db/schema.js";
import type { Context } from "../../server/context.js";
import { User } from "../user/user.type.js";
import { HistoryFilter } from "./historyFilter.input.js";
import { listenServiceFor } from "./listen.context.js";
import { ListenConnection } from "./listen.type.js";

/** User.listens: owned by the listen module, null where the viewer may not see the history. */
@Resolver(() => User)
export class UserListensResolver {
  @FieldResolver(() => ListenConnection, { nullable: true, description: "Null where the viewer may not see this user's history" })
  listens(
    @Root() user: UserRow,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("filter", () => HistoryFilter, { nullable: true }) filter: HistoryFilter | null,
    @Ctx() ctx: Context,
  ): Promise<ListenConnection | null> {
    return listenServiceFor(ctx).historyOf(ctx.viewer, user, { first, after }, filter);
  }
}
