import { jsonArrayReader } from "../entryReader.js";
import { parseSpotifyAccountRecord } from "./spotifyAccount.parser.js";

export const spotifyAccountReader = jsonArrayReader(parseSpotifyAccountRecord, "Spotify streaming history rows");
