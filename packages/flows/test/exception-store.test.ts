import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createIntegrationException } from "@ledgerline/canonical";
import { FileLedger, MemoryLedger } from "@ledgerline/core";
import { afterEach, describe, expect, it } from "vitest";
import { ExceptionStore, LedgerJsonStore } from "../src/index.js";

const exception = (key: string, now: string) =>
  createIntegrationException({
    code: "CLOSE_UNPOSTED_TIME",
    impact: "blocks-cost-posting",
    message: "approved time not posted",
    record: { key, type: "Project", project: key },
    now: new Date(now),
  });

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("ExceptionStore", () => {
  it("keeps first-seen across runs in a FileLedger that is closed and reopened (a restart)", async () => {
    dir = await mkdtemp(join(tmpdir(), "ledgerline-exc-"));
    const path = join(dir, "run.journal");
    let ledger = await FileLedger.open(path);
    await new ExceptionStore(ledger).observe(
      "close",
      [exception("p-1", "2026-03-01T00:00:00Z")],
      new Date("2026-03-01T00:00:00Z"),
    );
    await ledger.close();

    ledger = await FileLedger.open(path);
    const seen = await new ExceptionStore(ledger).observe(
      "close",
      [exception("p-1", "2026-03-11T00:00:00Z"), exception("p-2", "2026-03-11T00:00:00Z")],
      new Date("2026-03-11T00:00:00Z"),
    );
    expect(seen.map((e) => [e.record.key, e.firstSeen, e.ageDays, e.occurrences])).toEqual([
      ["p-1", "2026-03-01T00:00:00.000Z", 10, 2],
      ["p-2", "2026-03-11T00:00:00.000Z", 0, 1],
    ]);
    await ledger.close();
  });

  it("resolves what a scope no longer sees, leaves other scopes alone, and reopens with the original age", async () => {
    const ledger = new MemoryLedger();
    const store = new ExceptionStore(ledger);
    const t = (iso: string) => new Date(iso);
    await store.observe("close", [exception("p-1", "2026-03-01T00:00:00Z")], t("2026-03-01T00:00:00Z"));
    await store.observe("revenue", [exception("p-9", "2026-03-01T00:00:00Z")], t("2026-03-01T00:00:00Z"));
    await store.observe("close", [], t("2026-03-02T00:00:00Z"));
    expect((await store.open(undefined, t("2026-03-02T00:00:00Z"))).map((e) => e.record.key)).toEqual([
      "p-9",
    ]);
    const back = await store.observe(
      "close",
      [exception("p-1", "2026-03-05T00:00:00Z")],
      t("2026-03-05T00:00:00Z"),
    );
    expect(back[0]).toMatchObject({ firstSeen: "2026-03-01T00:00:00.000Z", ageDays: 4 });
  });
});

describe("LedgerJsonStore", () => {
  it("round-trips JSON values under its prefix only, and does not rewrite an unchanged value", async () => {
    const ledger = new MemoryLedger([
      { key: "other/x", hash: "h", targetId: "1", postedAt: "2026-01-01T00:00:00Z" },
    ]);
    let clock = 0;
    const store = new LedgerJsonStore<{ n: number }>(ledger, "rev", () => new Date(clock));
    await store.put("a", { n: 1 });
    clock = 1000;
    await store.put("a", { n: 1 });
    expect((await ledger.get("rev/a"))?.postedAt).toBe("1970-01-01T00:00:00.000Z");
    expect(await store.get("a")).toEqual({ n: 1 });
    const all = [];
    for await (const entry of store.entries()) all.push(entry);
    expect(all).toEqual([["a", { n: 1 }]]);
    expect(() => new LedgerJsonStore(ledger, "Bad/Prefix")).toThrow(TypeError);
  });
});
