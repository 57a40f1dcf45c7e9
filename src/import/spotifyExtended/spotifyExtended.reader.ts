import { jsonArrayReader } from "../entryReader.js";
import { parseSpotifyExtendedRecord } from "./spotifyExtended.parser.js";

export const spotifyExtendedReader = jsonArrayReader(parseSpotifyExtendedRecord, "Spotify streaming history rows");
