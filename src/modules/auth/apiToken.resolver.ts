import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { ApiTokenRow } from "../../db/schema.js";
import { fromGlobalId, toGlobalId } from "../../platform/globalId.js";
import type { Context } from "../../server/context.js";
import { requireSessionViewer } from "./auth.guard.js";
import { publishSessionEnded } from "./session.events.js";
import { ApiTokenPayload } from "./apiToken.payload.js";
import * as apiTokens from "./apiToken.service.js";
import { ApiToken } from "./apiToken.type.js";

/** Managing API tokens needs a session: an API token cannot list, mint or revoke tokens. */
@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @Query(() => [ApiToken], { description: "The viewer's API tokens that are not revoked, oldest first" })
  apiTokens(@Ctx() ctx: Context): Promise<ApiTokenRow[]> {
    return apiTokens.listApiTokens(requireSessionViewer(ctx.viewer), ctx.db);
  }

  @Mutation(() => ApiTokenPayload)
  createApiToken(@Arg("name", () => String) name: string, @Ctx() ctx: Context): Promise<ApiTokenPayload> {
    return apiTokens.createApiToken(requireSessionViewer(ctx.viewer), ctx.db, name);
  }

  @Mutation(() => Boolean)
  async revokeApiToken(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    const viewer = requireSessionViewer(ctx.viewer);
    const apiTokenId = fromGlobalId("ApiToken", id, "id");
    const revoked = await apiTokens.revokeApiToken(viewer, ctx.db, apiTokenId);
    if (revoked) await publishSessionEnded(ctx.pubsub, { apiTokenId }, ctx.logger);
    return revoked;
  }

  @FieldResolver(() => ID)
  id(@Root() row: ApiTokenRow): string {
    return toGlobalId("ApiToken", row.id);
  }
}
