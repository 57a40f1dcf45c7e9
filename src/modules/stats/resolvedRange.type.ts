import { Field, ObjectType } from "type-graphql";

@ObjectType("ResolvedRange")
export class ResolvedRange {
  @Field(() => Date, { nullable: true, description: "Inclusive; null for ALL_TIME without any counted listen" })
  from: Date | null;

  @Field(() => Date, { description: "Exclusive" })
  to: Date;
}
