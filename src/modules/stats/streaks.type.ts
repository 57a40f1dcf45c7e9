import { Field, Int, ObjectType } from "type-graphql";

@ObjectType("Streaks")
export class Streaks {
  @Field(() => Int, { description: "Most consecutive local days with a counted listen inside the range" })
  longestDays: number;

  @Field(() => Date, { nullable: true, description: "Start of the first day of the longest streak (the earliest on a tie)" })
  longestStart: Date | null;

  @Field(() => Int, { description: "The streak that reaches today or yesterday (local); 0 when there is none" })
  currentDays: number;
}
