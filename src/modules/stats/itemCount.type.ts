import { Field, Float, Int, ObjectType } from "type-graphql";
import { Album } from "../catalog/album.type.js";
import { Artist } from "../catalog/artist.type.js";
import type { CatalogItem } from "../catalog/catalogItem.js";
import { Track } from "../catalog/track.type.js";

/**
 * One ranked row of a top list: measures and the item's catalog row, read with the ranking and
 * cached with it (itemCount.resolver.ts).
 */
export type RankedItem<Item extends CatalogItem = CatalogItem> = { rank: number; id: string; listens: number; msPlayed: number; item: Item };

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
