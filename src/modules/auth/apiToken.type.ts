import { Field, ID, ObjectType } from "type-graphql";

/** Resolvers return ApiTokenRows; `id` (a global id) is resolved in apiToken.resolver.ts. */
@ObjectType("ApiToken")
export class ApiToken {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt: Date | null;
}
