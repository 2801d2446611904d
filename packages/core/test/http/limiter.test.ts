import { describe, expect, it } from "vitest";
import { AdaptiveConcurrency, createHttpClient, Limiter, type RateLimitedEvent } from "../../src/index.js";
import type { paths } from "./paths.js";
import { delay, json, startServer } from "./server.js";

const fast = { baseDelayMs: 1, maxDelayMs: 10, maxAttempts: 20 };

describe("limiter", () => {
  it("never exceeds its ceiling, counted server-side", async () => {
    const server = await startServer(async (_req, res) => {
      await delay(15);
      json(res, 200, { id: "1", name: "ok" });
    });
    try {
      const client = createHttpClient<paths>({
        system: "t",
        baseUrl: server.url,
        limits: { maxConcurrency: 4 },
      });
      await Promise.all(
        Array.from({ length: 40 }, () => client.GET("/items/{id}", { params: { path: { id: "1" } } })),
      );
      expect(server.seen).toHaveLength(40);
      expect(server.maxInFlight).toBe(4);
    } finally {
      await server.close();
    }
  });

  it("Limiter.run: FIFO slots, counts, sync throws and plain values, queued abort", async () => {
    const limiter = new Limiter({ maxConcurrency: 2 });
    const gates: (() => void)[] = [];
    const order: number[] = [];
    const task = (n: number) => () =>
      new Promise<number>((resolve) => {
        order.push(n);
        gates.push(() => resolve(n));
      });
    const results = [1, 2, 3, 4].map((n) => limiter.run(task(n)));
    await new Promise((r) => setTimeout(r, 0)); // p-limit starts tasks a microtask later
    expect(limiter.activeCount).toBe(2);
    expect(limiter.pendingCount).toBe(2);
    expect(order).toEqual([1, 2]);
    gates[0]?.();
    await results[0];
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual([1, 2, 3]);
    expect(limiter.activeCount).toBe(2);
    // an aborted queued task rejects at once and never runs
    const controller = new AbortController();
    const aborted = limiter.run(task(99), controller.signal);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: "ABORTED" });
    for (let k = 1; k < 3; k++) gates[k]?.();
    await Promise.all(results.slice(1, 3));
    await new Promise((r) => setTimeout(r, 0));
    gates[3]?.();
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4]);
    await new Promise((r) => setTimeout(r, 0));
    expect(order).not.toContain(99);
    expect(limiter.activeCount).toBe(0);
    expect(limiter.pendingCount).toBe(0);
    // a synchronous throw becomes a rejection and frees the slot; a plain value is accepted
    await expect(
      limiter.run(() => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await limiter.run((() => 7) as unknown as () => Promise<number>)).toBe(7);
    expect(limiter.activeCount).toBe(0);
  });

  it("Limiter: a raised adaptive limit starts waiting tasks", async () => {
    const limiter = new Limiter({ maxConcurrency: 4, adaptive: { min: 1, increaseEvery: 1 } });
    limiter.onThrottle();
    const limit = limiter.concurrency;
    expect(limit).toBeLessThan(4);
    const gates: (() => void)[] = [];
    const runs = Array.from({ length: 4 }, () =>
      limiter.run(() => new Promise<void>((resolve) => gates.push(resolve))),
    );
    expect(limiter.activeCount).toBe(limit);
    while (limiter.concurrency === limit) limiter.onSuccess();
    await new Promise((r) => setTimeout(r, 0));
    expect(limiter.activeCount).toBe(limiter.concurrency);
    expect(limiter.concurrency).toBeGreaterThan(limit);
    while (gates.length > 0) {
      gates.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all(runs);
    expect(limiter.activeCount).toBe(0);
  });

  it("shares one ceiling between clients given the same Limiter (per-account governance)", async () => {
    const server = await startServer(async (_req, res) => {
      await delay(10);
      json(res, 200, { id: "1", name: "ok" });
    });
    try {
      const limiter = new Limiter({ maxConcurrency: 3 });
      const a = createHttpClient<paths>({ system: "a", baseUrl: server.url, limits: limiter });
      const b = createHttpClient<paths>({ system: "b", baseUrl: server.url, limits: limiter });
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          (i % 2 ? a : b).GET("/items/{id}", { params: { path: { id: "1" } } }),
        ),
      );
      expect(server.maxInFlight).toBe(3);
    } finally {
      await server.close();
    }
  });

  it("rate-limits request starts per interval", async () => {
    const server = await startServer((_req, res) => json(res, 200, { id: "1", name: "ok" }));
    try {
      // Record when each attempt is handed to the transport (client side, so server load can't blur it).
      const starts: number[] = [];
      const client = createHttpClient<paths>({
        system: "t",
        baseUrl: server.url,
        limits: { maxConcurrency: 10, ratePerInterval: { limit: 3, intervalMs: 100 } },
        fetch: (request) => {
          starts.push(performance.now());
          return fetch(request);
        },
      });
      await Promise.all(
        Array.from({ length: 7 }, () => client.GET("/items/{id}", { params: { path: { id: "1" } } })),
      );
      expect(server.seen).toHaveLength(7);
      // 7 starts at 3 per 100 ms: the 4th no earlier than 100 ms after the 1st, the 7th than 200 ms.
      const first = starts[0] as number;
      expect((starts[2] as number) - first).toBeLessThan(90);
      expect((starts[3] as number) - first).toBeGreaterThanOrEqual(98);
      expect((starts[6] as number) - first).toBeGreaterThanOrEqual(198);
    } finally {
      await server.close();
    }
  });

  it("adaptive concurrency halves on 429 / governance, recovers on success, never above the ceiling", async () => {
    let governanceLimit = 2;
    const server = await startServer(async (_req, res) => {
      if (server.inFlight > governanceLimit) {
        return json(res, 429, {
          "o:errorDetails": [{ detail: "limit", "o:errorCode": "CONCURRENCY_LIMIT_EXCEEDED" }],
        });
      }
      await delay(5);
      json(res, 200, { id: "1", name: "ok" });
    });
    try {
      const events: RateLimitedEvent[] = [];
      const client = createHttpClient<paths>({
        system: "netsuite",
        baseUrl: server.url,
        // probeEvery 1: probe as soon as the learned ceiling held `limit` successes (the default waits longer)
        limits: { maxConcurrency: 8, adaptive: { probeEvery: 1 } },
        retry: { ...fast, budget: false },
        hooks: { onRateLimited: (e) => events.push(e) },
      });
      const seenLimits: number[] = [];
      const call = async () => {
        await client.GET("/items/{id}", { params: { path: { id: "1" } } });
        seenLimits.push(client.limiter.concurrency);
      };
      await Promise.all(Array.from({ length: 60 }, call));
      expect(events.length).toBeGreaterThan(0);
      expect(events[0]?.vendorCode).toBe("CONCURRENCY_LIMIT_EXCEEDED");
      const lowest = Math.min(...events.map((e) => e.concurrency));
      expect(lowest).toBeLessThanOrEqual(4);

      // The governance limit lifts: concurrency climbs back to the ceiling and no further.
      governanceLimit = 100;
      server.resetMax();
      for (let round = 0; round < 30; round++) await Promise.all(Array.from({ length: 8 }, call));
      expect(client.limiter.concurrency).toBe(8);
      expect(Math.max(...seenLimits)).toBeLessThanOrEqual(8);
      expect(server.maxInFlight).toBeLessThanOrEqual(8);
    } finally {
      await server.close();
    }
  });

  it("AdaptiveConcurrency: one halving per window, +1 per limit successes, bounded", () => {
    const a = new AdaptiveConcurrency(16);
    const epoch = a.epoch;
    expect(a.onThrottle(epoch)).toBe(8);
    expect(a.onThrottle(epoch)).toBe(8); // same window: no second halving
    expect(a.onThrottle(a.epoch)).toBe(4);
    for (let i = 0; i < 4; i++) a.onSuccess();
    expect(a.limit).toBe(5);
    for (let i = 0; i < 1000; i++) a.onSuccess();
    expect(a.limit).toBe(16);
    for (let i = 0; i < 10; i++) a.onThrottle(a.epoch);
    expect(a.limit).toBe(1);
  });

  it("AdaptiveConcurrency: a throttle at n lowers the ceiling it climbs back to, to n − 1", () => {
    const a = new AdaptiveConcurrency(16);
    expect(a.onThrottle(a.epoch)).toBe(8);
    expect(a.learnedCeiling).toBe(15);
    // climbs back to the learned ceiling (15) and stays there for 15 × 2 − 1 successes
    let successes = 0;
    while (a.limit < 15) {
      a.onSuccess();
      successes++;
    }
    expect(successes).toBe(8 + 9 + 10 + 11 + 12 + 13 + 14);
    for (let i = 0; i < 59; i++) a.onSuccess();
    expect(a.limit).toBe(15);
    a.onSuccess(); // the 60th (15 × probeEvery 4): probes 16
    expect(a.limit).toBe(16);
    // repeated throttles: each lowers the ceiling further
    a.onThrottle(a.epoch); // the probe is refused → back to 15, no halving
    expect(a.limit).toBe(15);
    expect(a.learnedCeiling).toBe(15);
    a.onThrottle(a.epoch); // refused at the ceiling itself → ceiling 14, limit halves
    expect([a.limit, a.learnedCeiling]).toEqual([7, 14]);
    for (let i = 0; i < 7; i++) a.onSuccess();
    expect(a.limit).toBe(8);
    a.onThrottle(a.epoch); // refused at 8 → ceiling 7
    expect([a.limit, a.learnedCeiling]).toEqual([4, 7]);
  });

  it("AdaptiveConcurrency: probes slowly, waiting twice as long after each wrong probe", () => {
    const a = new AdaptiveConcurrency(10, { probeEvery: 2 });
    a.onThrottle(a.epoch); // ceiling 9, limit 5
    a.onThrottle(a.epoch); // ceiling 4, limit 2
    while (a.limit < 4) a.onSuccess();
    const gaps: number[] = [];
    for (let probe = 0; probe < 4; probe++) {
      let n = 0;
      while (a.limit === 4) {
        a.onSuccess();
        n++;
      }
      gaps.push(n);
      expect(a.limit).toBe(5);
      a.onThrottle(a.epoch); // the account allows 4: every probe is refused
      expect([a.limit, a.learnedCeiling]).toEqual([4, 4]);
    }
    expect(gaps).toEqual([8, 16, 32, 64]);
    // a probe must hold as long as it waited before the ceiling rises
    while (a.limit === 4) a.onSuccess();
    for (let i = 0; i < 5 * 32 - 1; i++) a.onSuccess();
    expect(a.learnedCeiling).toBe(4);
    a.onSuccess();
    expect([a.limit, a.learnedCeiling]).toEqual([5, 5]);
    // refused later at the ceiling that probe raised: the probe was wrong — back to 4, no halving, and the
    // next probe waits twice as long again
    a.onThrottle(a.epoch);
    expect([a.limit, a.learnedCeiling]).toEqual([4, 4]);
    let n = 0;
    while (a.limit === 4) {
      a.onSuccess();
      n++;
    }
    expect(n).toBe(4 * 64);
  });

  it("AdaptiveConcurrency: a client set to 20 on an account allowing 5 learns 5, refused ≤ 1 % (simulation)", () => {
    const a = new AdaptiveConcurrency(20);
    const account = 5;
    let sent = 0;
    let refused = 0;
    // Rounds: `limit` requests start together at the current epoch; the server refuses those beyond 5.
    while (sent < 20_000) {
      const epoch = a.epoch;
      const n = a.limit;
      for (let i = 0; i < n; i++) {
        sent++;
        if (i < account) a.onSuccess();
        else {
          refused++;
          a.onThrottle(epoch);
        }
      }
    }
    expect(a.learnedCeiling).toBe(5);
    expect(a.limit).toBeGreaterThanOrEqual(3);
    expect(refused / sent).toBeLessThanOrEqual(0.01);
    // plain halving (the old behaviour) would climb back to 6 every few rounds: hundreds of refusals
    expect(refused).toBeLessThan(60);
  });

  it("AdaptiveConcurrency slow start: doubles from 4 each window until the first throttle", () => {
    const free = new AdaptiveConcurrency(20, { slowStart: true });
    const seen = [free.limit];
    while (seen.length < 4) {
      for (let i = 0; i < free.limit; i++) free.onSuccess();
      seen.push(free.limit);
    }
    expect(seen).toEqual([4, 8, 16, 20]);
    const a = new AdaptiveConcurrency(20, { slowStart: true });
    for (let i = 0; i < 4; i++) a.onSuccess();
    expect(a.limit).toBe(8);
    // an account allowing 5 refuses at 8: ceiling 7, limit 4, then the usual climb and learning
    a.onThrottle(a.epoch);
    expect([a.limit, a.learnedCeiling]).toEqual([4, 7]);
    for (let i = 0; i < 4; i++) a.onSuccess();
    expect(a.limit).toBe(5);
    // simulation as above: with slow start, the configured burst of 20 never reaches the server
    const b = new AdaptiveConcurrency(20, { slowStart: true });
    let refused = 0;
    for (let sent = 0; sent < 20_000; ) {
      const epoch = b.epoch;
      const n = b.limit;
      for (let i = 0; i < n; i++, sent++) {
        if (i < 5) b.onSuccess();
        else {
          refused++;
          b.onThrottle(epoch);
        }
      }
    }
    expect(b.learnedCeiling).toBe(5);
    expect(refused).toBeLessThan(40);
  });
});
