import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType("ClockCell")
export class ClockCell {
  @Field(() => Int, { description: "0 = Monday … 6 = Sunday, in the user's timezone" })
  weekday: number;

  @Field(() => Int, { description: "0..23, in the user's timezone" })
  hour: number;

  @Field(() => Int)
  listens: number;

  @Field(() => Float)
  msPlayed: number;
}
