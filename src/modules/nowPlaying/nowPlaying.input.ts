import { Field, InputType, Int } from "type-graphql";

@InputType("NowPlayingInput")
export class NowPlayingInput {
  @Field(() => String)
  trackTitle: string;

  @Field(() => String)
  artistName: string;

  @Field(() => String, { nullable: true })
  albumTitle?: string | null;

  @Field(() => Int, { nullable: true, description: "How long it stays 'now playing'; 10 minutes when not given" })
  durationMs?: number | null;
}
