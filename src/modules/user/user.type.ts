import { Directive, Field, ObjectType } from "type-graphql";
import { Node } from "../../platform/graphql/node.interface.js";
import { VisibilityEnum } from "./visibility.enum.js";

/**
 * GraphQL User. Resolvers return `UserRow`s from the database; `id` (global id) and the
 * viewer-dependent fields are resolved in user.resolver.ts.
 */
@ObjectType("User", { implements: Node })
@Directive('@key(fields: "id")')
export class User extends Node {
  @Field(() => String)
  username: string;

  @Field(() => String, { nullable: true })
  displayName: string | null;

  @Field(() => String, { description: "IANA zone, e.g. Europe/Berlin; stats buckets (days, hours) use it" })
  timezone: string;

  @Field(() => VisibilityEnum)
  visibility: VisibilityEnum;

  @Field(() => Date)
  createdAt: Date;
}
