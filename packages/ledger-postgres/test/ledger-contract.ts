// The Ledger contract every implementation keeps (Memory, File, Postgres): run by ledger-contract.test.ts.
import type { Ledger, LedgerEntry } from "@ledgerline/core";
import { idempotentUpsert } from "@ledgerline/core";
import { expect, it } from "vitest";

/** Opens a ledger; `durable` ones are reopened by calling `open` again (same store). */
export interface LedgerUnderTest {
  open(): Promise<Ledger>;
  durable: boolean;
}

const entry = (key: string, hash: string, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
  key,
  hash,
  targetId: `t-${key}`,
  postedAt: "2026-03-01T00:00:00.000Z",
  ...extra,
});

async function all(ledger: Ledger): Promise<LedgerEntry[]> {
  const out: LedgerEntry[] = [];
  for await (const e of ledger.entries()) out.push(e);
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** Registers the contract's tests for one implementation (call inside a `describe`). */
export function ledgerContract(subject: () => LedgerUnderTest): void {
  it("get returns the latest entry per key, exactly as recorded (version keeps its type)", async () => {
    const ledger = await subject().open();
    expect(await ledger.get("a")).toBeUndefined();
    await ledger.record(entry("a", "h1"));
    await ledger.record(entry("a", "h2", { version: 7 }));
    await ledger.record(entry("b", "h1", { version: "7" }));
    expect(await ledger.get("a")).toEqual(entry("a", "h2", { version: 7 }));
    expect(await ledger.get("b")).toEqual(entry("b", "h1", { version: "7" }));
    expect(ledger.size).toBe(2);
    expect(await all(ledger)).toEqual([entry("a", "h2", { version: 7 }), entry("b", "h1", { version: "7" })]);
    await ledger.close();
  });

  it("returns copies: mutating a returned entry does not change the store", async () => {
    const ledger = await subject().open();
    const e = entry("a", "h1");
    await ledger.record(e);
    e.hash = "mutated";
    const got = await ledger.get("a");
    if (!got) throw new Error("missing");
    got.targetId = "mutated";
    expect(await ledger.get("a")).toEqual(entry("a", "h1"));
    await ledger.close();
  });

  it("holds each key once under concurrent records of the same keys", async () => {
    const ledger = await subject().open();
    await Promise.all(Array.from({ length: 200 }, (_, i) => ledger.record(entry(`k${i % 50}`, `h${i}`))));
    expect(ledger.size).toBe(50);
    const keys = (await all(ledger)).map((e) => e.key);
    expect(new Set(keys).size).toBe(50);
    expect(keys).toHaveLength(50);
    await ledger.close();
  });

  it("lets idempotentUpsert skip unchanged content (across a reopen when durable)", async () => {
    const s = subject();
    let writes = 0;
    const write = async () => {
      writes++;
      return "NS-1";
    };
    const first = await s.open();
    expect((await idempotentUpsert({ ledger: first, key: "k", content: { a: 1 }, write })).status).toBe(
      "written",
    );
    if (s.durable) await first.close();
    const second = s.durable ? await s.open() : first;
    expect((await idempotentUpsert({ ledger: second, key: "k", content: { a: 1 }, write })).status).toBe(
      "unchanged",
    );
    expect((await idempotentUpsert({ ledger: second, key: "k", content: { a: 2 }, write })).status).toBe(
      "written",
    );
    expect(writes).toBe(2);
    await second.close();
  });

  it("keeps entries across a reopen when durable", async () => {
    const s = subject();
    if (!s.durable) return;
    const l1 = await s.open();
    for (let i = 0; i < 30; i++) await l1.record(entry(`k${i}`, "h"));
    await l1.close();
    const l2 = await s.open();
    expect(l2.size).toBe(30);
    expect(await l2.get("k29")).toEqual(entry("k29", "h"));
    await l2.close();
  });

  it("refuses use after close", async () => {
    const ledger = await subject().open();
    await ledger.close();
    await expect(async () => ledger.get("a")).rejects.toThrow(/after close/);
  });
}
