import { describe, expect, it } from "vitest";
import type { ListenRow } from "../../db/schema.js";
import { newListenIds } from "./live.publisher.js";

const row = (id: number, createdAt: string) => ({ id, createdAt: new Date(createdAt) }) as ListenRow;

describe("newListenIds", () => {
  const old = row(1, "2026-01-01T00:00:00Z");
  const fresh = row(2, "2026-01-02T00:00:00.123Z");
  const fresher = row(3, "2026-01-02T00:00:00.123Z");

  it("none when nothing was inserted; every distinct row when all were", () => {
    expect(newListenIds({ inserted: 0, listens: [old, old] })).toEqual([]);
    expect(newListenIds({ inserted: 2, listens: [fresh, fresher, fresh] })).toEqual([2, 3]);
  });

  it("in a mixed call, the rows of this transaction (the newest created_at)", () => {
    expect(newListenIds({ inserted: 2, listens: [old, fresh, fresher] })).toEqual([2, 3]);
  });
});
