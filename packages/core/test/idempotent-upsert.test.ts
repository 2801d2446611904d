import { describe, expect, it } from "vitest";
import { idempotentUpsert } from "../src/idempotent-upsert.js";
import { MemoryLedger } from "../src/memory-ledger.js";

describe("MemoryLedger", () => {
  it("returns the latest entry per key and copies on the way in and out", async () => {
    const ledger = new MemoryLedger();
    const entry = { key: "k", hash: "h1", targetId: "1", postedAt: "2026-01-01T00:00:00.000Z" };
    await ledger.record(entry);
    entry.hash = "mutated";
    await ledger.record({
      key: "k",
      hash: "h2",
      targetId: "1",
      version: 2,
      postedAt: "2026-01-02T00:00:00.000Z",
    });
    expect(await ledger.get("k")).toMatchObject({ hash: "h2", version: 2 });
    expect(await ledger.get("missing")).toBeUndefined();
    expect(ledger.size).toBe(1);
    const all = [];
    for await (const e of ledger.entries()) all.push(e);
    expect(all).toHaveLength(1);
    await ledger.close();
    await expect(ledger.get("k")).rejects.toThrow(/after close/);
  });
});

describe("idempotentUpsert", () => {
  const now = () => new Date("2026-03-01T12:00:00.000Z");

  it("writes, records, then skips the same hash", async () => {
    const ledger = new MemoryLedger();
    let writes = 0;
    const write = async () => {
      writes++;
      return "NS-1";
    };
    const first = await idempotentUpsert({ ledger, key: "k", hash: "h1", version: 1, write, now });
    expect(first).toMatchObject({ status: "written", targetId: "NS-1" });
    expect(await ledger.get("k")).toEqual({
      key: "k",
      hash: "h1",
      version: 1,
      targetId: "NS-1",
      postedAt: "2026-03-01T12:00:00.000Z",
    });
    const second = await idempotentUpsert({ ledger, key: "k", hash: "h1", version: 1, write, now });
    expect(second).toMatchObject({ status: "unchanged", targetId: "NS-1" });
    expect(writes).toBe(1);
  });

  it("writes again when the hash changed, passing the previous entry", async () => {
    const ledger = new MemoryLedger();
    await idempotentUpsert({ ledger, key: "k", hash: "h1", write: async () => "7" });
    let seen: unknown;
    const r = await idempotentUpsert({
      ledger,
      key: "k",
      hash: "h2",
      write: async (previous) => {
        seen = previous;
        return { targetId: "7" };
      },
    });
    expect(r.status).toBe("written");
    expect(seen).toMatchObject({ hash: "h1", targetId: "7" });
    expect((await ledger.get("k"))?.hash).toBe("h2");
  });

  it("records nothing when the write fails", async () => {
    const ledger = new MemoryLedger();
    await expect(
      idempotentUpsert({ ledger, key: "k", hash: "h", write: async () => Promise.reject(new Error("boom")) }),
    ).rejects.toThrow("boom");
    expect(await ledger.get("k")).toBeUndefined();
  });

  it("serialises concurrent calls for one key so only one writes", async () => {
    const ledger = new MemoryLedger();
    let writes = 0;
    const write = async () => {
      writes++;
      await new Promise((r) => setTimeout(r, 10));
      return "1";
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => idempotentUpsert({ ledger, key: "k", hash: "h", write })),
    );
    expect(writes).toBe(1);
    expect(results.map((r) => r.status).sort()).toEqual([
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
      "written",
    ]);
  });

  it("refuses a write that returns no target id", async () => {
    const ledger = new MemoryLedger();
    await expect(idempotentUpsert({ ledger, key: "k", hash: "h", write: async () => "" })).rejects.toThrow(
      /no target id/,
    );
    expect(ledger.size).toBe(0);
  });
});
