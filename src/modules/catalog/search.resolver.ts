import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../server/context.js";
import { catalogService } from "./catalog.service.js";
import { SearchResult } from "./search.type.js";

@Resolver()
export class SearchResolver {
  @Query(() => SearchResult, { description: "Artists, albums and tracks by name: exact and prefix matches first, then similar names" })
  search(
    @Arg("query", () => String) query: string,
    @Arg("first", () => Int, { nullable: true, defaultValue: 10 }) first: number | null,
    @Ctx() ctx: Context,
  ): Promise<SearchResult> {
    return catalogService.search(ctx.db, query, first ?? 10);
  }
}
