import { Directive, Field, ObjectType } from "type-graphql";
import { Node } from "../../platform/graphql/node.interface.js";

@ObjectType("Album", { implements: Node })
@Directive('@key(fields: "id")')
export class Album extends Node {
  @Field(() => String)
  title: string;

  @Field(() => String, { nullable: true })
  releaseDate: string | null;

  @Field(() => String, { nullable: true })
  imageUrl: string | null;
}
