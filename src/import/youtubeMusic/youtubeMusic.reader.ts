import { jsonArrayReader } from "../entryReader.js";
import { parseYoutubeMusicEntry } from "./youtubeMusic.parser.js";

export const youtubeMusicReader = jsonArrayReader(parseYoutubeMusicEntry, "watch-history entries");
