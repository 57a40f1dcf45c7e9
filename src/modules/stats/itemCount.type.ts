import { Field, Float, Int, ObjectType } from "type-graphql";
import { Album } from "../catalog/album.type.js";
import { Artist } from "../catalog/artist.type.js";
import { Track } from "../catalog/track.type.js";

/**
 * One ranked row of a top list. Resolvers return `RankedItem`s (catalog ids); the item itself
 * is loaded through the catalog's loaders in stats.resolver.ts.
 */
export type RankedItem = { rank: number; id: string; listens: number; msPlayed: number };

@ObjectType("ArtistCount")
export class ArtistCount {
  @Field(() => Int)
  rank: number;

  @Field(() => Artist)
  artist: Artist;

  @Field(() => Int)
  listens: number;

  @Field(() => Float)
  msPlayed: number;
}

@ObjectType("TrackCount")
export class TrackCount {
  @Field(() => Int)
  rank: number;

  @Field(() => Track)
  track: Track;

  @Field(() => Int)
  listens: number;

  @Field(() => Float)
  msPlayed: number;
}

@ObjectType("AlbumCount")
export class AlbumCount {
  @Field(() => Int)
  rank: number;

  @Field(() => Album)
  album: Album;

  @Field(() => Int)
  listens: number;

  @Field(() => Float)
  msPlayed: number;
}
