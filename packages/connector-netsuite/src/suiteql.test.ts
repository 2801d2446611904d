import { describe, expect, it } from "vitest";
import { createNetSuiteClient } from "./client.js";
import { SuiteQLRowLimitError } from "./errors.js";

/** A transport answering SuiteQL pages from a fixed total, recording what was asked. */
function pagedTransport(total: number) {
  const calls: Array<{ limit: number; offset: number; prefer: string | null; body: unknown }> = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    const limit = Number(url.searchParams.get("limit"));
    const offset = Number(url.searchParams.get("offset"));
    calls.push({
      limit,
      offset,
      prefer: request.headers.get("prefer"),
      body: JSON.parse(await request.text()),
    });
    const count = Math.max(0, Math.min(limit, total - offset));
    const items = Array.from({ length: count }, (_, i) => ({ links: [], id: String(offset + i) }));
    return Response.json({
      links: [],
      count,
      offset,
      totalResults: total,
      hasMore: offset + count < total,
      items,
    });
  };
  return { fetch, calls };
}

function client(fetch: (r: Request) => Promise<Response>) {
  return createNetSuiteClient({ accountId: "123456", auth: { type: "none" }, fetch, retry: false });
}

describe("SuiteQL paging", () => {
  it("pages with offsets that are multiples of the limit, Prefer: transient and a JSON body", async () => {
    const { fetch, calls } = pagedTransport(25);
    const rows = await client(fetch).suiteql.all(
      { q: "SELECT id FROM timebill WHERE id > ?", params: [0] },
      { pageSize: 10 },
    );
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 25 }, (_, i) => String(i)));
    expect(calls.map((c) => [c.limit, c.offset])).toEqual([
      [10, 0],
      [10, 10],
      [10, 20],
    ]);
    expect(calls.every((c) => c.prefer === "transient")).toBe(true);
    expect(calls[0]?.body).toEqual({ q: "SELECT id FROM timebill WHERE id > ?", params: [0] });
  });

  it("fails with a typed error before yielding anything when the query exceeds 100,000 rows", async () => {
    const { fetch, calls } = pagedTransport(150_000);
    const seen: unknown[] = [];
    const run = async () => {
      for await (const row of client(fetch).suiteql.rows({ q: "SELECT id FROM timebill", params: [] }))
        seen.push(row);
    };
    await expect(run()).rejects.toBeInstanceOf(SuiteQLRowLimitError);
    await expect(run()).rejects.toMatchObject({
      code: "SUITEQL_ROW_LIMIT",
      totalResults: 150_000,
      limit: 100_000,
    });
    expect(seen).toEqual([]);
    expect(calls).toHaveLength(2);
  });

  it("refuses a page size above 1000 and a parameter count mismatch", async () => {
    const { fetch } = pagedTransport(1);
    const suiteql = client(fetch).suiteql;
    await expect(suiteql.all({ q: "SELECT id FROM t", params: [] }, { pageSize: 5000 })).rejects.toThrow(
      /pageSize/,
    );
    await expect(suiteql.all({ q: "SELECT id FROM t WHERE a = ?", params: [] })).rejects.toMatchObject({
      name: "ValidationError",
    });
  });

  it("refuses a malformed page envelope with a ValidationError naming the field, never a TypeError", async () => {
    for (const body of [{ links: [], count: 0 }, { items: "x", hasMore: false }, [1, 2], null]) {
      const fetch = async () => Response.json(body);
      const error = await client(fetch)
        .suiteql.all({ q: "SELECT id FROM timebill", params: [] })
        .catch((e: unknown) => e);
      expect(error, JSON.stringify(body)).toMatchObject({ name: "ValidationError" });
      expect((error as { issues: Array<{ path: string }> }).issues.length).toBeGreaterThan(0);
    }
  });

  it("reads every posted-time row; an unreadable row is reported, not the end of the read", async () => {
    const fetch = async () =>
      Response.json({
        links: [],
        count: 4,
        offset: 0,
        totalResults: 4,
        hasMore: false,
        items: [
          { links: [], id: "1", trandate: "2026-11-16", hours: "1.5" },
          { links: [], id: "2", trandate: "2026-11-16", hours: "secret-7.5" },
          null,
          { links: [], id: "4", trandate: "2026-11-17", hours: "2" },
        ],
      });
    const rejected: unknown[] = [];
    const read: string[] = [];
    for await (const entry of client(fetch).listPostedTime({
      from: "2026-11-01",
      to: "2026-11-30",
      onRejected: (r) => rejected.push(r),
    })) {
      read.push(entry.source.id);
    }
    expect(read).toEqual(["1", "4"]);
    expect(rejected).toEqual([
      expect.objectContaining({
        index: 1,
        id: "2",
        error: expect.objectContaining({ name: "ValidationError" }),
      }),
      expect.objectContaining({ index: 2 }),
    ]);
    expect(JSON.stringify((rejected[0] as { error: { issues: unknown } }).error.issues)).toContain("hours");
    expect(JSON.stringify((rejected[0] as { error: { issues: unknown } }).error.issues)).not.toContain(
      "secret",
    );

    const withoutCallback: string[] = [];
    const error = await (async () => {
      for await (const entry of client(fetch).listPostedTime({ from: "2026-11-01", to: "2026-11-30" })) {
        withoutCallback.push(entry.source.id);
      }
    })().catch((e: unknown) => e);
    expect(withoutCallback).toEqual(["1", "4"]);
    expect(error).toMatchObject({ name: "ValidationError" });
  });
});
