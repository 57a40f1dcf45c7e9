import { Field, ID, InputType } from "type-graphql";
import { ListenSourceEnum } from "./listenSource.enum.js";

@InputType("HistoryFilter")
export class HistoryFilter {
  @Field(() => Date, { nullable: true, description: "Inclusive" })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Exclusive" })
  to?: Date | null;

  @Field(() => ID, { nullable: true, description: "Listens of tracks crediting this artist (in any position)" })
  artistId?: string | null;

  @Field(() => ID, { nullable: true })
  trackId?: string | null;

  @Field(() => ID, { nullable: true })
  albumId?: string | null;

  @Field(() => ListenSourceEnum, { nullable: true })
  source?: ListenSourceEnum | null;

  @Field(() => Boolean, { nullable: true, description: "Include plays that did not count (default false)" })
  includeUncounted?: boolean | null;
}
