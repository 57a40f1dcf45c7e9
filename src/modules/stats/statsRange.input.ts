import { Field, InputType, registerEnumType } from "type-graphql";

export enum RangePreset {
  LAST_7_DAYS = "LAST_7_DAYS",
  LAST_30_DAYS = "LAST_30_DAYS",
  LAST_90_DAYS = "LAST_90_DAYS",
  LAST_365_DAYS = "LAST_365_DAYS",
  THIS_WEEK = "THIS_WEEK",
  THIS_MONTH = "THIS_MONTH",
  THIS_YEAR = "THIS_YEAR",
  ALL_TIME = "ALL_TIME",
}
registerEnumType(RangePreset, { name: "RangePreset" });

@InputType("StatsRangeInput", { description: "Either a preset or an explicit [from, to) window" })
export class StatsRangeInput {
  @Field(() => RangePreset, { nullable: true })
  preset?: RangePreset | null;

  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}
