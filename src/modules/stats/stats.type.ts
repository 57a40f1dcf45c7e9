import { Field, ObjectType } from "type-graphql";
import { ResolvedRange } from "./resolvedRange.type.js";

/**
 * GraphQL Stats. Resolvers return a `StatsScope` (whose stats, which window, which zone); every
 * other field is a field resolver in stats.resolver.ts that asks the StatsService.
 */
@ObjectType("Stats")
export class Stats {
  @Field(() => ResolvedRange)
  range: ResolvedRange;
}
