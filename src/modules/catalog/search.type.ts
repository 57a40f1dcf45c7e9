import { Field, ObjectType } from "type-graphql";
import type { AlbumRow, ArtistRow, TrackRow } from "../../db/schema.js";
import { Album } from "./album.type.js";
import { Artist } from "./artist.type.js";
import { Track } from "./track.type.js";

@ObjectType("SearchResult")
export class SearchResult {
  @Field(() => [Artist])
  artists: ArtistRow[];

  @Field(() => [Album])
  albums: AlbumRow[];

  @Field(() => [Track])
  tracks: TrackRow[];
}
