import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType("ActivityBucket")
export class ActivityBucket {
  @Field(() => Date, { description: "The instant the local day, week (Monday), month or year begins" })
  start: Date;

  @Field(() => Int)
  listens: number;

  @Field(() => Float)
  msPlayed: number;
}
