import { describe, expect, it } from "vitest";
import type { ImportFormat } from "../db/schema.js";
import type { UploadEntry } from "./archive/uploadEntries.js";
import { chooseFormat, formatFromContent, formatFromName } from "./detectFormat.js";

describe("formatFromName", () => {
  it("knows the services' file names and the files beside them", () => {
    expect(formatFromName("Spotify Extended Streaming History/Streaming_History_Audio_2019-2021_3.json")).toBe("SPOTIFY_EXTENDED");
    expect(formatFromName("MyData/endsong_7.json")).toBe("SPOTIFY_EXTENDED");
    expect(formatFromName("Spotify Extended Streaming History/Streaming_History_Video_2020.json")).toBeNull();
    expect(formatFromName("Spotify Account Data/StreamingHistory_music_0.json")).toBe("SPOTIFY_ACCOUNT");
    expect(formatFromName("MyData/StreamingHistory3.json")).toBe("SPOTIFY_ACCOUNT");
    expect(formatFromName("MyData/StreamingHistory_podcast_0.json")).toBeNull();
    expect(formatFromName("a.zip/b.zip/Apple Music Activity/Apple Music Play Activity.csv")).toBe("APPLE_MUSIC");
    expect(formatFromName("Takeout/YouTube and YouTube Music/history/watch-history.json")).toBe("YOUTUBE_MUSIC");
    expect(formatFromName("Takeout/YouTube und YouTube Music/Verlauf/Wiedergabeverlauf.json")).toBe("YOUTUBE_MUSIC");
    expect(formatFromName("Takeout/YouTube en YouTube Music/geschiedenis/kijkgeschiedenis.json")).toBe("YOUTUBE_MUSIC");
    expect(formatFromName("Takeout/YouTube and YouTube Music/history/watch-history(1).json")).toBe("YOUTUBE_MUSIC");
    expect(formatFromName("Takeout/YouTube and YouTube Music/history/watch-history.html")).toBe("YOUTUBE_MUSIC");
    expect(formatFromName("Takeout/YouTube und YouTube Music/Verlauf/Wiedergabeverlauf.html")).toBe("YOUTUBE_MUSIC");
    expect(formatFromName("Takeout/YouTube et YouTube Music/historique/historique-des-vidéos.html")).toBe("sniff");
    expect(formatFromName("listens/2021/3.jsonl")).toBe("LISTENBRAINZ");
    expect(formatFromName("user.json")).toBeNull();
    expect(formatFromName("feedback.jsonl")).toBeNull();
    expect(formatFromName("ReadMeFirst.pdf")).toBeNull();
    expect(formatFromName("someone.csv")).toBe("sniff");
    expect(formatFromName("upload-7f3a")).toBe("sniff");
  });
});

describe("formatFromContent", () => {
  it("recognizes every JSON format by its keys", () => {
    expect(formatFromContent('[\n  {\n    "ts": "2020-01-01T00:00:00Z",\n    "ms_played": 1,\n    "master_metadata_track_name": "x"')).toBe("SPOTIFY_EXTENDED");
    expect(formatFromContent('[\n    {\n        "endTime" : "2020-01-01 10:00",\n        "artistName" : "A",\n        "trackName" : "T",\n        "msPlayed" : 5')).toBe("SPOTIFY_ACCOUNT");
    expect(formatFromContent('[{"endTime":"2020-01-01 10:00","podcastName":"P","episodeName":"E","msPlayed":5}]')).toBeNull();
    expect(formatFromContent('{"recenttracks":{"track":[')).toBe("LASTFM_JSON");
    expect(formatFromContent('[{"recenttracks":{"track":[')).toBe("LASTFM_JSON");
    expect(formatFromContent('[{"track":[{"artist":{"mbid":"","#text":"A"}')).toBe("LASTFM_JSON");
    expect(formatFromContent('{"listened_at": 1, "track_metadata": {"artist_name": "A"}}\n{"listened_at"')).toBe("LISTENBRAINZ");
    expect(formatFromContent('[{"inserted_at": 2, "listened_at": 1, "track_metadata": {}}]')).toBe("LISTENBRAINZ");
    expect(formatFromContent('[{\n  "header": "YouTube Music",\n  "title": "Watched x",\n  "titleUrl": "https://music.youtube.com/watch?v\\u003dx"')).toBe("YOUTUBE_MUSIC");
    expect(formatFromContent('{"some": "thing"}')).toBeNull();
  });

  it("tells a Takeout watch history from the search history beside it (any language, any file name)", () => {
    const search = '[{"header":"YouTube","title":"Gesucht nach x","titleUrl":"https://www.youtube.com/results?search_query\\u003dx","time":"2024-01-01T00:00:00Z"}';
    expect(formatFromContent(search)).toBeNull();
    const removed = '[{"header":"YouTube","title":"x angesehen","titleUrl":"https://www.youtube.com/watch?v\\u003dabc","time":"2024-01-01T00:00:00Z"}';
    expect(formatFromContent(removed)).toBe("YOUTUBE_MUSIC");
    expect(formatFromContent('[{"header":"YouTube","title":"x","subtitles":[{"name":"C"}],"time":"2024-01-01T00:00:00Z"}')).toBe("YOUTUBE_MUSIC");
  });

  it("recognizes Takeout's HTML watch history, not its search history or archive browser", () => {
    const cell = (body: string) => `<html><head><style>.x{}</style></head><body><div class="mdl-grid"><div class="outer-cell mdl-cell mdl-cell--12-col"><div class="content-cell">${body}</div></div>`;
    expect(formatFromContent(cell('Watched&nbsp;<a href="https://music.youtube.com/watch?v=abc">Song</a><br>'))).toBe("YOUTUBE_MUSIC");
    expect(formatFromContent(cell('Vous avez regardé <a href="https://www.youtube.com/watch?v=abc">Vidéo</a><br>'))).toBe("YOUTUBE_MUSIC");
    expect(formatFromContent(cell('Searched for <a href="https://www.youtube.com/results?search_query=x">x</a><br>'))).toBeNull();
    expect(formatFromContent("<html><body>archive browser</body></html>")).toBeNull();
  });

  it("recognizes the CSV shapes", () => {
    expect(formatFromContent('"uts","utc_time","artist","artist_mbid","album","album_mbid","track","track_mbid"\n')).toBe("LASTFM_CSV");
    expect(formatFromContent("Now,Album,Playing,\nArtist,Album,Track,22 May 2014 20:11\n")).toBe("LASTFM_CSV");
    expect(formatFromContent("Album Name,Event Type,Song Name,User’s Audio Quality\n")).toBe("APPLE_MUSIC");
    expect(formatFromContent("Apple ID Number,Artist Name,Content Name,Event Type\n")).toBe("APPLE_MUSIC");
    expect(formatFromContent("name,age\nBob,4\n")).toBeNull();
    expect(formatFromContent("%PDF-1.4")).toBeNull();
  });
});

describe("chooseFormat", () => {
  it("prefers a format found under the service's own file names to one a stray file's content looked like", () => {
    const found = new Map<ImportFormat, UploadEntry[]>([
      ["SPOTIFY_EXTENDED", []],
      ["SPOTIFY_ACCOUNT", []],
    ]);
    expect(chooseFormat(found, new Set(["SPOTIFY_ACCOUNT"]))).toBe("SPOTIFY_ACCOUNT");
    expect(chooseFormat(found)).toBe("SPOTIFY_EXTENDED");
  });
});
