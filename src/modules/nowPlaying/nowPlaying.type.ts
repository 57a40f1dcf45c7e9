import { Field, ObjectType } from "type-graphql";

/** What a user is playing right now; `track` and `user` are resolved in nowPlaying.resolver.ts. */
@ObjectType("NowPlaying")
export class NowPlaying {
  @Field(() => Date)
  startedAt: Date;

  userId: string;
  trackId: string;
}
