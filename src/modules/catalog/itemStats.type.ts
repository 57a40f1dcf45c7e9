import { Field, Float, Int, ObjectType } from "type-graphql";

/** The viewer's own listening of an artist, album or track (counted listens only). */
@ObjectType("ItemStats")
export class ItemStats {
  @Field(() => Int)
  listens: number;

  @Field(() => Float)
  msPlayed: number;

  @Field(() => Date, { nullable: true })
  firstListenedAt: Date | null;

  @Field(() => Date, { nullable: true })
  lastListenedAt: Date | null;
}
