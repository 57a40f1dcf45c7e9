import { Directive, Field, Int, ObjectType } from "type-graphql";
import { Node } from "../../platform/graphql/node.interface.js";

@ObjectType("Track", { implements: Node })
@Directive('@key(fields: "id")')
export class Track extends Node {
  @Field(() => String)
  title: string;

  @Field(() => Int, { nullable: true })
  durationMs: number | null;

  @Field(() => String, { nullable: true })
  isrc: string | null;

  @Field(() => String, { nullable: true })
  mbid: string | null;
}
