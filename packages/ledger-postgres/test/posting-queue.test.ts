import type { ApprovedTimeEntry } from "@ledgerline/canonical";
import { createNetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { NetworkError } from "@ledgerline/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresLedger, PostingQueue } from "../src/index.js";
import { createTestDatabase, type TestDatabase } from "./fixtures/database.js";
import { postTimeHandler } from "./fixtures/post-handler.js";
import { netsuiteClient, timeEntry } from "./fixtures/time-entries.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("PostingQueue", () => {
  it("queues a key once while it waits (unique index), and validates options", async () => {
    const queue = await PostingQueue.open<{ key: string }>(db.url, { name: "dedupe" });
    const records = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}` }));
    expect(await queue.enqueue(records, (r) => r.key)).toEqual({ enqueued: 10, alreadyQueued: 0 });
    expect(await queue.enqueue([...records, ...records], (r) => r.key)).toEqual({
      enqueued: 0,
      alreadyQueued: 20,
    });
    expect(await queue.counts()).toMatchObject({ queued: 10, active: 0 });
    await expect(queue.enqueue([{ key: "" }], (r) => r.key)).rejects.toMatchObject({
      name: "ValidationError",
    });
    await queue.close();
    await expect(PostingQueue.open(db.url, { name: "Bad Name" })).rejects.toThrow(/option "name"/);
    await expect(PostingQueue.open(db.url, { name: "x", retryLimit: -1 })).rejects.toThrow(
      /option "retryLimit"/,
    );
  });

  it("workers post through NetSuite into the shared ledger; a poison record goes to the dead-letter report", {
    timeout: 60_000,
  }, async () => {
    const fake = createNetSuiteFake({ concurrencyLimit: 10 });
    const server = await fake.listen({ host: "127.0.0.1", port: 0 });
    const ledger = await PostgresLedger.open(db.url, { name: "queue-time" });
    const queue = await PostingQueue.open<ApprovedTimeEntry>(db.url, {
      name: "netsuite-time",
      retryDelaySeconds: 0,
    });
    try {
      const unapproved = {
        ...timeEntry(999),
        approval: { state: "submitted" },
      } as unknown as ApprovedTimeEntry;
      const records = [...Array.from({ length: 40 }, (_, i) => timeEntry(i)), unapproved];
      expect((await queue.enqueue(records, (r) => r.key)).enqueued).toBe(41);
      const handler = postTimeHandler(netsuiteClient(server.url, ledger));
      const workers = [
        queue.work(handler, { concurrency: 4, pollIntervalMs: 50 }),
        queue.work(handler, { concurrency: 4, pollIntervalMs: 50 }),
      ];
      await until(async () => {
        const c = await queue.counts();
        return c.queued === 0 && c.active === 0;
      });
      await Promise.all(workers.map((w) => w.stop()));
      expect(workers[0]?.handled ?? 0).toBeGreaterThan(0);
      expect((workers[0]?.handled ?? 0) + (workers[1]?.handled ?? 0)).toBe(41);
      expect(fake.records("timeBill")).toHaveLength(40);
      expect(fake.duplicateExternalIds()).toEqual([]);
      expect(await ledger.count()).toBe(40);
      expect(await ledger.get(unapproved.key)).toBeUndefined();

      const report = await queue.deadLetterReport();
      expect(report.total).toBe(1);
      expect(report.byReason).toEqual([{ reason: "VALIDATION_ERROR", count: 1 }]);
      const letter = report.letters[0];
      expect(letter).toMatchObject({ key: unapproved.key, attempts: 1, queue: "netsuite-time" });
      expect(letter?.record).toEqual(unapproved);
      expect(letter?.error.issues?.map((i) => i.code)).toContain("APPROVAL_REQUIRED");
      expect((await queue.counts()).deadLettered).toBe(1);
    } finally {
      await queue.close();
      await ledger.close();
      await fake.close();
    }
  });

  it("retries a retryable failure, dead-letters it when retries run out, and requeues it on request", {
    timeout: 60_000,
  }, async () => {
    const queue = await PostingQueue.open<{ key: string }>(db.url, {
      name: "flaky",
      retryLimit: 2,
      retryDelaySeconds: 0,
    });
    try {
      await queue.enqueue([{ key: "ok" }, { key: "down" }], (r) => r.key);
      const attempts = new Map<string, number>();
      let healthy = false;
      const worker = queue.work(
        async (record, job) => {
          attempts.set(record.key, job.attempt);
          if (record.key === "down" && !healthy)
            throw new NetworkError("connection reset", { retryable: true });
          return "posted";
        },
        { pollIntervalMs: 50 },
      );
      await until(async () => (await queue.counts()).deadLettered === 1);
      expect(attempts.get("down")).toBe(3);
      expect(attempts.get("ok")).toBe(1);
      const report = await queue.deadLetterReport();
      expect(report.letters[0]).toMatchObject({ key: "down", attempts: 3, error: { name: "NetworkError" } });

      healthy = true;
      expect(await queue.retryDeadLetters(report.letters.map((l) => l.id))).toBe(1);
      await until(async () => {
        const c = await queue.counts();
        return c.queued === 0 && c.active === 0 && c.deadLettered === 0;
      });
      await worker.stop();
      expect(attempts.get("down")).toBe(1); // a fresh job
      expect((await queue.deadLetterReport()).total).toBe(0);
    } finally {
      await queue.close();
    }
  });
  it("reports a record whose last attempt expired (its worker hung or died) as a dead letter too", {
    timeout: 60_000,
  }, async () => {
    const queue = await PostingQueue.open<{ key: string }>(db.url, {
      name: "hangs",
      retryLimit: 0,
      expireInSeconds: 1,
      maintenanceIntervalSeconds: 1,
    });
    try {
      await queue.enqueue([{ key: "stuck" }], (r) => r.key);
      const worker = queue.work(() => new Promise((resolve) => setTimeout(resolve, 4000)), {
        pollIntervalMs: 50,
      });
      await until(async () => (await queue.counts()).deadLettered === 1);
      await worker.stop();
      const report = await queue.deadLetterReport();
      expect(report.byReason).toEqual([{ reason: "JOB_EXPIRED", count: 1 }]);
      expect(report.letters[0]).toMatchObject({
        key: "stuck",
        record: { key: "stuck" },
        error: { code: "JOB_EXPIRED" },
      });
      expect(report.letters[0]?.error.message).toMatch(/timeout/);
    } finally {
      await queue.close();
    }
  });
});
