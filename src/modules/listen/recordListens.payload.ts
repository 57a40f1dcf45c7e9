import { Field, Int, ObjectType } from "type-graphql";
import { Listen } from "./listen.type.js";

@ObjectType("RecordListensPayload")
export class RecordListensPayload {
  @Field(() => Int, { description: "New listens stored" })
  inserted: number;

  @Field(() => Int, { description: "Inputs already in the history (same track, same start), including repeats within the call" })
  duplicates: number;

  @Field(() => [Listen], { description: "One per input, in input order; the stored listen for duplicates" })
  listens: Listen[];
}
