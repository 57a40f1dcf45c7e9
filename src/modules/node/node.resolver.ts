import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { parseGlobalId } from "../../platform/globalId.js";
import { badUserInput } from "../../platform/errors.js";
import { Node } from "../../platform/graphql/node.interface.js";
import type { Context } from "../../server/context.js";

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object by its global id; null when absent or not visible" })
  async node(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<object | null> {
    const parsed = parseGlobalId(id);
    if (!parsed) throw badUserInput("id", "not a valid id");
    return ctx.fetchNode(parsed.type, parsed.key);
  }
}
