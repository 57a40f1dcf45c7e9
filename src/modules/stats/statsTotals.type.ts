import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType("StatsTotals")
export class StatsTotals {
  @Field(() => Int)
  listens: number;

  @Field(() => Float)
  msPlayed: number;

  @Field(() => Int)
  distinctTracks: number;

  @Field(() => Int, { description: "Distinct primary artists" })
  distinctArtists: number;

  @Field(() => Int)
  distinctAlbums: number;

  @Field(() => Int, { description: "Local days with at least one counted listen" })
  activeDays: number;
}
