import "reflect-metadata";
import { describe, expect, it } from "vitest";
import type { Context } from "../../server/context.js";
import type { ArtistItem } from "../catalog/catalogItem.js";
import { ArtistCountResolver } from "./itemCount.resolver.js";
import type { RankedItem } from "./itemCount.type.js";

describe("ranked items", () => {
  const loaded: string[] = [];
  const ctx = {
    loaders: { catalog: { artistById: { load: async (id: string) => (loaded.push(id), { id, name: `Loaded ${id}` }) } } },
  } as unknown as Context;
  const resolver = new ArtistCountResolver();

  it("answer with the row the ranking carries, without a look-up", async () => {
    const item = { id: "a1", name: "Carried" } as ArtistItem;
    expect(await resolver.artist({ rank: 1, id: "a1", listens: 3, msPlayed: 0, item }, ctx)).toBe(item);
    expect(loaded).toEqual([]);
  });

  it("look the row up for a ranking cached before rows were kept", async () => {
    const cachedByAnEarlierVersion = { rank: 1, id: "a2", listens: 3, msPlayed: 0 } as RankedItem<ArtistItem>;
    expect(await resolver.artist(cachedByAnEarlierVersion, ctx)).toEqual({ id: "a2", name: "Loaded a2" });
    expect(loaded).toEqual(["a2"]);
  });
});
