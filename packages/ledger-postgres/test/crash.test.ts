// Crash tests against the real Postgres: queue workers (separate processes) post approved time entries to
// a NetSuite fake served by this process (its state lives here, so its count is checkable after the
// workers die). 1) SIGKILL of a random worker at 10 random moments, each followed by a restart → 0
// duplicates and 0 lost. 2) The database drops every connection mid-run, twice (pg_terminate_backend on
// this test's database — what clients see when the server restarts, without restarting the server the
// other engineers' tests share) → the workers reconnect and finish, 0 duplicates and 0 lost.
import type { ChildProcess } from "node:child_process";
import type { ApprovedTimeEntry } from "@ledgerline/canonical";
import { createNetSuiteFake, type NetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PostgresLedger, PostingQueue } from "../src/index.js";
import { createTestDatabase, type TestDatabase } from "./fixtures/database.js";
import { startFixture } from "./fixtures/spawn.js";
import { timeEntry } from "./fixtures/time-entries.js";

const LIMIT = 20;
let db: TestDatabase;
let fake: NetSuiteFake;
let baseUrl: string;
let mostInFlight = 0;
let sampler: NodeJS.Timeout;
beforeEach(async () => {
  db = await createTestDatabase();
  fake = createNetSuiteFake({
    concurrencyLimit: LIMIT,
    latency: { minMs: 20, maxMs: 40 },
    faultRate: 0.03,
    timeoutAfterCommitMs: 50,
    seed: 17,
  });
  baseUrl = (await fake.listen({ host: "127.0.0.1", port: 0 })).url;
  mostInFlight = 0;
  sampler = setInterval(() => {
    mostInFlight = Math.max(mostInFlight, fake.api.inFlight);
  }, 2);
});
afterEach(async () => {
  clearInterval(sampler);
  await fake.close();
  await db.drop();
});

interface Worker {
  proc: ChildProcess;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  ready: Promise<void>;
}

function startWorker(onAck: () => void): Worker {
  let ready: () => void = () => undefined;
  const readyP = new Promise<void>((r) => {
    ready = r;
  });
  const { proc, exit } = startFixture("worker-child.ts", [db.url, baseUrl, String(LIMIT)], (line) => {
    if (line === "ready") ready();
    if (line.startsWith("ack ")) onAck();
  });
  return { proc, exit, ready: readyP };
}

async function enqueue(count: number): Promise<void> {
  const queue = await PostingQueue.open<ApprovedTimeEntry>(db.url, {
    name: "netsuite-time",
    expireInSeconds: 3,
    maintenanceIntervalSeconds: 1,
    retryDelaySeconds: 0,
    retryLimit: 10,
  });
  expect(
    (
      await queue.enqueue(
        Array.from({ length: count }, (_, i) => timeEntry(i)),
        (e) => e.key,
      )
    ).enqueued,
  ).toBe(count);
  await queue.close();
}

async function expectExactlyOnce(count: number): Promise<void> {
  expect(fake.duplicateExternalIds()).toEqual([]);
  const bills = fake.records("timeBill");
  expect(bills).toHaveLength(count);
  const ledger = await PostgresLedger.open(db.url, { name: "netsuite-time" });
  expect(await ledger.count()).toBe(count);
  const byKey = new Map(bills.map((b) => [b.externalId, b.id]));
  let mismatched = 0;
  for await (const entry of ledger.entries()) if (byKey.get(entry.key) !== entry.targetId) mismatched++;
  expect(mismatched).toBe(0);
  await ledger.close();
  const queue = await PostingQueue.open(db.url, { name: "netsuite-time", migrate: false });
  expect((await queue.deadLetterReport()).total).toBe(0);
  expect(await queue.counts()).toMatchObject({ queued: 0, active: 0 });
  await queue.close();
  expect(mostInFlight).toBeLessThanOrEqual(LIMIT);
  fake.assertNoViolations();
}

describe("queue workers under crashes", () => {
  it("SIGKILL of a random worker at 10 random moments, each restarted: 0 duplicates, 0 lost", {
    timeout: 300_000,
  }, async () => {
    const count = 600;
    await enqueue(count);
    let acks = 0;
    const workers: Worker[] = [];
    const onAck = () => {
      acks++;
    };
    for (let i = 0; i < 3; i++) workers.push(startWorker(onAck));
    await Promise.all(workers.map((w) => w.ready));
    // Kill moments: 10 random points of progress (records stored by the fake), so every kill lands
    // mid-run however fast the machine is; between two of them the work goes on (or a restart is on its way).
    let stored = 0;
    const stopCounting = fake.onRecordChange(() => {
      stored++;
    });
    const moments = Array.from({ length: 10 }, () => Math.floor(count * (0.05 + Math.random() * 0.8))).sort(
      (a, b) => a - b,
    );
    let kills = 0;
    let killedMidway = 0;
    for (const moment of moments) {
      while (stored < moment) await new Promise((r) => setTimeout(r, 2));
      const alive = workers.filter((w) => w.proc.exitCode === null && w.proc.signalCode === null);
      const victim = alive[Math.floor(Math.random() * alive.length)];
      if (!victim) break;
      if (fake.records("timeBill").length < count) killedMidway++;
      victim.proc.kill("SIGKILL");
      expect((await victim.exit).signal).toBe("SIGKILL");
      kills++;
      workers[workers.indexOf(victim)] = startWorker(onAck); // the restart
    }
    stopCounting();
    expect(kills).toBe(10);
    expect(killedMidway).toBe(10); // every kill landed while records were still unposted
    for (const w of workers) {
      const exit = await w.exit;
      expect(exit, exit.stderr).toMatchObject({ code: 0 });
    }
    await expectExactlyOnce(count);
  });

  it("survives the database dropping every connection mid-run (twice): workers reconnect and finish", {
    timeout: 300_000,
  }, async () => {
    const count = 400;
    await enqueue(count);
    let acks = 0;
    const workers = [0, 1].map(() =>
      startWorker(() => {
        acks++;
      }),
    );
    await Promise.all(workers.map((w) => w.ready));
    for (const at of [60, 200]) {
      while (acks < at) await new Promise((r) => setTimeout(r, 5));
      expect(await db.terminateConnections()).toBeGreaterThan(0);
    }
    for (const w of workers) {
      const exit = await w.exit;
      expect(exit, exit.stderr).toMatchObject({ code: 0 });
    }
    await expectExactlyOnce(count);
  });
});
