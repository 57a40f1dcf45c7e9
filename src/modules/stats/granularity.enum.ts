import { registerEnumType } from "type-graphql";

/** Local-calendar bucket sizes for Stats.activity (weeks start on Monday). */
export enum Granularity {
  DAY = "DAY",
  WEEK = "WEEK",
  MONTH = "MONTH",
  YEAR = "YEAR",
}
registerEnumType(Granularity, { name: "Granularity" });
