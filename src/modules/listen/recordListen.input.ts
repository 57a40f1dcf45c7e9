import { Field, InputType, Int } from "type-graphql";

/** One play as a client reports it; checked by `parseRecordListenInput` before anything is written. */
@InputType("RecordListenInput")
export class RecordListenInput {
  @Field(() => String)
  trackTitle: string;

  @Field(() => String)
  artistName: string;

  @Field(() => [String], { nullable: true, description: "Further credited artists, in order" })
  featuredArtists?: string[] | null;

  @Field(() => String, { nullable: true })
  albumTitle?: string | null;

  @Field(() => Date, { nullable: true, description: "Defaults to now" })
  playedAt?: Date | null;

  @Field(() => Int, { nullable: true })
  msPlayed?: number | null;

  @Field(() => Int, { nullable: true })
  durationMs?: number | null;

  @Field(() => String, { nullable: true })
  isrc?: string | null;

  @Field(() => String, { nullable: true })
  spotifyUri?: string | null;

  @Field(() => String, { nullable: true })
  mbid?: string | null;

  @Field(() => String, { nullable: true })
  platform?: string | null;
}
