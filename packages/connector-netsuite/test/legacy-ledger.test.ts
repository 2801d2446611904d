import { contentHashVersion, legacyContentHash, MemoryLedger } from "@ledgerline/core";
import { afterEach, describe, expect, it } from "vitest";
import { createNetSuiteClient, toTimeBill } from "../src/index.js";
import { createNetSuiteFake, type NetSuiteFake } from "../src/testing/index.js";
import { ctx, timeEntry } from "./fixtures.js";

let fake: NetSuiteFake;
afterEach(async () => {
  fake.assertNoViolations();
  await fake.close();
});

describe("a ledger written before content hashes were versioned", () => {
  it("is not re-posted: unchanged entries are skipped and upgraded to the v2 form", async () => {
    fake = createNetSuiteFake();
    const entries = [timeEntry("1"), timeEntry("2")];
    // What a pre-0.1 run recorded: the unversioned hash of { type, body } for each posted time bill.
    const ledger = new MemoryLedger(
      entries.map((e, i) => ({
        key: e.key,
        hash: legacyContentHash({ type: "timeBill", body: toTimeBill(e, ctx) }),
        targetId: `90${i}`,
        postedAt: "2026-10-01T00:00:00.000Z",
      })),
    );
    const netsuite = createNetSuiteClient({
      accountId: "123456_SB1",
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
      auth: { type: "none" },
      masterData: ctx,
      ledger,
    });
    const report = await netsuite.postTime(entries, { mode: "single" });
    expect(report).toMatchObject({ input: 2, unchanged: 2, written: 0, failed: 0 });
    expect(fake.records("timeBill")).toHaveLength(0); // nothing sent
    for (const e of entries) expect(contentHashVersion((await ledger.get(e.key))?.hash ?? "")).toBe(2);

    // A changed entry is still written.
    const changed = await netsuite.postTime([{ ...entries[0]!, minutes: 300 }], { mode: "single" });
    expect(changed).toMatchObject({ written: 1 });
  });
});
