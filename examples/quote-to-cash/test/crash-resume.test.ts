import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createNetSuiteFake, type NetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { FileLedger } from "@ledgerline/core";
import type { FakeServer } from "@ledgerline/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Kill, runChild } from "./fixtures/crash-harness.js";

/**
 * Crash-resume of NetSuite posting (connector-netsuite `postTime`, single and async batch mode): a child
 * process posts through a FileLedger to a NetSuite fake that lives here, in the test process, so it
 * outlives the child; the child is SIGKILLed at random moments (after a random number of acknowledged
 * records, or after a random delay — mid-request, mid-job, mid-ledger-write), then run again, and finally
 * run to the end. Nothing may be lost (every record in NetSuite and in the ledger) and nothing duplicated.
 * The kill points are drawn at random and named in the assertion messages. bench/crash-resume runs many more.
 */
const COUNT = 150;

const target = () => ({ baseUrl: server.url, ledgerPath: join(dir, "ledger.jsonl"), count: COUNT });

let dir: string;
let fake: NetSuiteFake;
let server: FakeServer;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "crash-resume-"));
  // Transient faults too, timeouts after commit among them: the ambiguous case on top of the kills.
  fake = createNetSuiteFake({ faultRate: 0.1, timeoutAfterCommitMs: 30, concurrencyLimit: 10, seed: 11 });
  server = await fake.listen({ host: "127.0.0.1", port: 0 });
});
afterEach(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe.each(["single", "batch"] as const)("crash-resume of NetSuite posting (%s mode)", (mode) => {
  it("SIGKILLed at random moments and resumed: 0 duplicates, 0 lost", async () => {
    const kills: Kill[] = [
      { afterAcks: 1 + Math.floor(Math.random() * (COUNT / 3)) },
      { afterMs: 50 + Math.floor(Math.random() * 400) },
      { afterAcks: Math.floor(COUNT / 2) + Math.floor(Math.random() * (COUNT / 3)) },
    ];
    const everAcked = new Set<string>();
    let killedMidway = 0;
    for (const kill of kills) {
      const run = await runChild({ ...target(), mode, kill });
      if (run.killed && run.acked.length < COUNT) killedMidway++;
      for (const key of run.acked) everAcked.add(key);
      // Between runs, and whatever the moment of the kill: never an external id stored twice.
      expect(fake.duplicateExternalIds(), JSON.stringify(kill)).toEqual([]);
    }
    // The first kill point (a third of the way at most) always lands mid-posting; the others usually do.
    expect(killedMidway, JSON.stringify(kills)).toBeGreaterThanOrEqual(1);
    const last = await runChild({ ...target(), mode, kill: undefined });
    expect(last.killed).toBe(false);
    expect(JSON.parse(last.done ?? "{}")).toMatchObject({ failed: 0, rejected: 0 });
    for (const key of last.acked) everAcked.add(key);

    const bills = fake.records("timeBill");
    expect(fake.duplicateExternalIds()).toEqual([]);
    expect(bills).toHaveLength(COUNT);
    const billByKey = new Map(bills.map((b) => [b.externalId, b]));
    const ledger = await FileLedger.open(join(dir, "ledger.jsonl"), { lockStaleMs: 2000 });
    try {
      expect(ledger.size).toBe(COUNT);
      for (let i = 0; i < COUNT; i++) {
        const key = `kantata-time_entries-${i}`;
        const recorded = await ledger.get(key);
        expect(recorded, key).toBeDefined();
        // The ledger points at the one NetSuite record holding this external id, with this entry's hours.
        expect(billByKey.get(key)?.id, key).toBe(recorded?.targetId);
        expect(everAcked.has(key), key).toBe(true);
      }
    } finally {
      await ledger.close();
    }
    fake.assertNoViolations();
  }, 120_000);
});
