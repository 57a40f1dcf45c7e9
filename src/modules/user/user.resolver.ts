import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { UserRow } from "../../db/schema.js";
import { toGlobalId } from "../../platform/globalId.js";
import type { Context } from "../../server/context.js";
import { requireSessionViewer } from "../auth/auth.guard.js";
import { UpdateProfileInput } from "./user.input.js";
import * as users from "./user.service.js";
import { User } from "./user.type.js";

/** Profile queries and fields. History fields (listens, stats, …) live in their own modules' resolvers. */
@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: "The signed-in user; null when signed out" })
  me(@Ctx() ctx: Context): Promise<UserRow | null> {
    return users.findViewerUser(ctx.viewer, ctx.loaders.users);
  }

  @Query(() => User, { nullable: true, description: "A user by username (case-insensitive); null when there is none" })
  user(@Arg("username", () => String) username: string, @Ctx() ctx: Context): Promise<UserRow | null> {
    return users.findUserProfile(ctx.viewer, ctx.db, ctx.loaders.users, username);
  }

  @Mutation(() => User)
  updateProfile(@Arg("input", () => UpdateProfileInput) input: UpdateProfileInput, @Ctx() ctx: Context): Promise<UserRow> {
    return users.updateProfile(requireSessionViewer(ctx.viewer), ctx.db, input);
  }

  @FieldResolver(() => ID)
  id(@Root() user: UserRow): string {
    return toGlobalId("User", user.id);
  }

  @FieldResolver(() => String, { nullable: true, description: "Only the user themself sees it; null for everyone else" })
  email(@Root() user: UserRow, @Ctx() ctx: Context): string | null {
    return users.emailFor(ctx.viewer, user);
  }
}
