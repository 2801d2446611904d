import { createNetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { MemoryLedger } from "@ledgerline/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BudgetExhaustedError, PostgresBudget, PostgresSemaphore, SharedLimiter } from "../src/index.js";
import { createTestDatabase, type TestDatabase } from "./fixtures/database.js";
import { netsuiteClient, timeEntry } from "./fixtures/time-entries.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("PostgresSemaphore", () => {
  it("never lets more than `limit` holders in at once across separate pools (processes)", async () => {
    const semaphores = await Promise.all(
      [0, 1, 2].map(() => PostgresSemaphore.open(db.url, { resource: "acct-1", limit: 4 })),
    );
    let inside = 0;
    let most = 0;
    await Promise.all(
      semaphores.flatMap((s) =>
        Array.from({ length: 10 }, async () => {
          const release = await s.acquire();
          inside++;
          most = Math.max(most, inside);
          await sleep(15);
          inside--;
          await release();
        }),
      ),
    );
    expect(most).toBe(4);
    expect(await semaphores[0]?.inUse()).toBe(0);
    for (const s of semaphores) await s.close();
  });

  it("gives a dead holder's slot back when its lease ends", async () => {
    const dead = await PostgresSemaphore.open(db.url, { resource: "acct-2", limit: 1, leaseMs: 1000 });
    await dead.acquire(); // never released: its process "died"
    await dead.close();
    const alive = await PostgresSemaphore.open(db.url, { resource: "acct-2", limit: 1, leaseMs: 1000 });
    const started = Date.now();
    const release = await alive.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    await release();
    await alive.close();
  });

  it("stops waiting when the signal aborts", async () => {
    const s = await PostgresSemaphore.open(db.url, { resource: "acct-3", limit: 1 });
    const release = await s.acquire();
    const controller = new AbortController();
    const waiting = s.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: "ABORTED" });
    await release();
    await s.close();
  });

  it("validates its options, naming the option", async () => {
    await expect(PostgresSemaphore.open(db.url, { resource: "x", limit: 0 })).rejects.toThrow(
      /option "limit"/,
    );
    await expect(PostgresSemaphore.open(db.url, { resource: "", limit: 1 })).rejects.toThrow(
      /option "resource"/,
    );
    await expect(PostgresSemaphore.open(db.url, { resource: "x", limit: 1, leaseMs: 10 })).rejects.toThrow(
      /option "leaseMs"/,
    );
  });
});

describe("PostgresBudget", () => {
  it("never overspends under concurrent takers, then refuses with a non-retryable error", async () => {
    const budgets = await Promise.all(
      [0, 1, 2].map(() => PostgresBudget.open(db.url, { resource: "org-1", limit: 25 })),
    );
    const taken = await Promise.all(budgets.flatMap((b) => Array.from({ length: 15 }, () => b.take())));
    expect(taken.filter(Boolean)).toHaveLength(25);
    expect(await budgets[0]?.remaining()).toBe(0);
    const refusal = await budgets[1]?.acquire().catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(BudgetExhaustedError);
    expect(refusal).toMatchObject({ retryable: false, code: "BUDGET_EXHAUSTED" });
    for (const b of budgets) await b.close();
  });

  it("frees up as the window slides", async () => {
    const budget = await PostgresBudget.open(db.url, {
      resource: "org-2",
      limit: 2,
      windowMs: 2000,
      buckets: 2,
    });
    expect(await budget.take(2)).toBe(true);
    expect(await budget.take()).toBe(false);
    await sleep(2100);
    expect(await budget.take()).toBe(true);
    await budget.close();
  });
});

describe("SharedLimiter", () => {
  it("keeps two clients (two workers) together under the account limit: no 429 at all", async () => {
    const fake = createNetSuiteFake({ concurrencyLimit: 5, latency: { minMs: 10, maxMs: 10 } });
    const server = await fake.listen({ host: "127.0.0.1", port: 0 });
    let most = 0;
    const sampler = setInterval(() => {
      most = Math.max(most, fake.api.inFlight);
    }, 1);
    try {
      const semaphores = await Promise.all(
        [0, 1].map(() => PostgresSemaphore.open(db.url, { resource: "netsuite:123456_SB1", limit: 5 })),
      );
      const limiters = semaphores.map(
        (s) => new SharedLimiter({ maxConcurrency: 5, adaptive: true, shared: [s] }),
      );
      const clients = limiters.map((limits) => netsuiteClient(server.url, new MemoryLedger(), limits));
      const reports = await Promise.all(
        clients.map((c, w) =>
          c.postTime(
            Array.from({ length: 60 }, (_, i) => timeEntry(w * 1000 + i)),
            { mode: "single", concurrency: 5 },
          ),
        ),
      );
      expect(reports.map((r) => r.written)).toEqual([60, 60]);
      const refused = fake.api.calls() - fake.api.handled();
      expect(refused).toBe(0);
      expect(most).toBeLessThanOrEqual(5);
      for (const s of semaphores) await s.close();
    } finally {
      clearInterval(sampler);
      await fake.close();
    }
  });

  it("still backs off adaptively on 429 when the vendor allows fewer than the shared limit", async () => {
    const fake = createNetSuiteFake({ concurrencyLimit: 2, latency: { minMs: 15, maxMs: 15 } });
    const server = await fake.listen({ host: "127.0.0.1", port: 0 });
    try {
      const slots = await PostgresSemaphore.open(db.url, { resource: "netsuite:stale-limit", limit: 8 });
      const limits = new SharedLimiter({ maxConcurrency: 8, adaptive: true, shared: [slots] });
      let throttled = 0;
      const client = netsuiteClient(server.url, new MemoryLedger(), limits);
      const report = await client.postTime(
        Array.from({ length: 40 }, (_, i) => timeEntry(i)),
        {
          mode: "single",
          concurrency: 8,
          onProgress: () => {
            throttled = Math.max(throttled, 8 - limits.concurrency);
          },
        },
      );
      expect(report.written).toBe(40);
      expect(fake.api.calls() - fake.api.handled()).toBeGreaterThan(0); // the vendor did answer 429
      expect(throttled).toBeGreaterThan(0); // and core's adaptive limit came down under the shared 8
      await slots.close();
    } finally {
      await fake.close();
    }
  });

  it("refuses a request when a shared budget is spent, without sending it", async () => {
    const fake = createNetSuiteFake();
    const server = await fake.listen({ host: "127.0.0.1", port: 0 });
    try {
      const budget = await PostgresBudget.open(db.url, { resource: "netsuite:budgeted", limit: 3 });
      const client = netsuiteClient(
        server.url,
        new MemoryLedger(),
        new SharedLimiter({ maxConcurrency: 1, shared: [budget] }),
      );
      const report = await client.postTime(
        Array.from({ length: 5 }, (_, i) => timeEntry(i)),
        { mode: "single", concurrency: 1 },
      );
      expect(report.written).toBe(3);
      expect(report.failed).toBe(2);
      expect(report.results.filter((r) => r.status === "failed").map((r) => (r.error as Error).name)).toEqual(
        ["BudgetExhaustedError", "BudgetExhaustedError"],
      );
      expect(fake.api.calls()).toBe(3);
      await budget.close();
    } finally {
      await fake.close();
    }
  });

  it("validates its options", () => {
    expect(() => new SharedLimiter({ shared: [{}] } as never)).toThrow(/option "shared"/);
  });
});
