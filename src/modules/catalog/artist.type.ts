import { Directive, Field, ObjectType } from "type-graphql";
import { Node } from "../../platform/graphql/node.interface.js";

@ObjectType("Artist", { implements: Node })
@Directive('@key(fields: "id")')
export class Artist extends Node {
  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true })
  mbid: string | null;

  @Field(() => String, { nullable: true })
  spotifyId: string | null;

  @Field(() => String, { nullable: true })
  imageUrl: string | null;
}
