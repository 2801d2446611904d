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
});
