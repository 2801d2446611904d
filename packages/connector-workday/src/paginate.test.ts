import { ValidationError } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { checkEnvelope, type PageFetcher, paginate } from "./paginate.js";

async function offsets(fetchPage: PageFetcher, limit = 2): Promise<number[]> {
  const seen: number[] = [];
  for await (const page of paginate(fetchPage, "/workers", {}, { limit })) seen.push(page.offset);
  return seen;
}

describe("paginate", () => {
  it("stops when offset reaches total", async () => {
    const fetch: PageFetcher = async (_p, q) => ({
      total: 5,
      data: Array(Math.min(2, 5 - Number(q.offset))).fill({}),
    });
    expect(await offsets(fetch)).toEqual([0, 2, 4]);
  });

  it("stops on an empty page even if total promised more (a collection that shrank)", async () => {
    const fetch: PageFetcher = async (_p, q) => ({ total: 10, data: Number(q.offset) < 2 ? [{}, {}] : [] });
    expect(await offsets(fetch)).toEqual([0, 2]);
  });

  it("refuses a limit over 100", async () => {
    await expect(offsets(async () => ({ total: 0, data: [] }), 101)).rejects.toBeInstanceOf(ValidationError);
  });

  it.each([
    [null, "(root)"],
    [[], "(root)"],
    [{ total: "3", data: [] }, "total"],
    [{ total: -1, data: [] }, "total"],
    [{ total: 1, data: {} }, "data"],
  ])("names what is malformed in %j", (body, path) => {
    expect(() => checkEnvelope(body, "/workers")).toThrow(ValidationError);
    try {
      checkEnvelope(body, "/workers");
    } catch (e) {
      expect((e as ValidationError).issues[0]?.path).toBe(path);
    }
  });

  it("fetches the next page while the caller works on the current one, and only one ahead", async () => {
    const requested: number[] = [];
    const fetch: PageFetcher = async (_p, q) => {
      requested.push(Number(q.offset));
      return { total: 8, data: Array(2).fill({}) };
    };
    const seenWhileHolding: number[][] = [];
    for await (const page of paginate(fetch, "/workers", {}, { limit: 2 })) {
      await new Promise((r) => setTimeout(r, 0)); // the caller is busy with this page
      seenWhileHolding.push([page.offset, ...requested]);
    }
    // holding page at offset n, the page at n + 2 was already requested, never the one after it
    expect(seenWhileHolding).toEqual([
      [0, 0, 2],
      [2, 0, 2, 4],
      [4, 0, 2, 4, 6],
      [6, 0, 2, 4, 6],
    ]);
    requested.length = 0;
    for await (const _ of paginate(fetch, "/workers", {}, { limit: 2, readAhead: 0 })) {
      await new Promise((r) => setTimeout(r, 0));
      expect(requested).toHaveLength(1);
      break;
    }
  });
});
