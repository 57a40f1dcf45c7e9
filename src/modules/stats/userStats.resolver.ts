import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { UserRow } from "../../db/schema.js";
import type { Context } from "../../server/context.js";
import { User } from "../user/user.type.js";
import { statsServiceFor } from "./stats.context.js";
import { Stats } from "./stats.type.js";
import { StatsRangeInput } from "./statsRange.input.js";
import type { StatsScope } from "./statsScope.js";

/** User.stats: owned by the stats module, null where the viewer may not see the history. */
@Resolver(() => User)
export class UserStatsResolver {
  @FieldResolver(() => Stats, { nullable: true, description: "Null where the viewer may not see this user's history" })
  stats(@Root() user: UserRow, @Arg("range", () => StatsRangeInput) range: StatsRangeInput, @Ctx() ctx: Context): Promise<StatsScope | null> {
    return statsServiceFor(ctx).scopeFor(ctx.viewer, user, range);
  }
}
