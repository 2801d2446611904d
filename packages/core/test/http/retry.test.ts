import { describe, expect, it } from "vitest";
import {
  BadRequestError,
  createHttpClient,
  HttpError,
  parseRetryAfter,
  RateLimitError,
  RetryBudget,
  type RetryEvent,
} from "../../src/index.js";
import { resolveRetryPolicy, retryDelay } from "../../src/retry.js";
import type { paths } from "./paths.js";
import { json, startServer } from "./server.js";

const fast = { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 100 };

async function withServer<T>(
  handler: Parameters<typeof startServer>[0],
  fn: (s: Awaited<ReturnType<typeof startServer>>) => Promise<T>,
): Promise<T> {
  const s = await startServer(handler);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] as number));

describe("Retry-After", () => {
  it("parses seconds, HTTP dates and retry-after-ms", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter(new Headers({ "retry-after": "120" }), now)).toBe(120_000);
    expect(parseRetryAfter(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" }), now)).toBe(
      30_000,
    );
    expect(parseRetryAfter(new Headers({ "retry-after": "Wed, 31 Dec 2025 23:00:00 GMT" }), now)).toBe(0);
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "250", "retry-after": "9" }), now)).toBe(250);
    expect(parseRetryAfter(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });

  it("honours Retry-After seconds (waits ≈1 s, not the tiny backoff)", async () => {
    const times: number[] = [];
    const retries: RetryEvent[] = [];
    await withServer(
      (_req, res, i) => {
        times.push(performance.now());
        if (i === 0) return json(res, 503, { message: "busy" }, { "retry-after": "1" });
        json(res, 200, { id: "1", name: "ok" });
      },
      async (s) => {
        const client = createHttpClient<paths>({
          system: "t",
          baseUrl: s.url,
          retry: { ...fast, maxRetryAfterMs: 5_000 },
          hooks: { onRetry: (e) => retries.push(e) },
        });
        await client.GET("/items/{id}", { params: { path: { id: "1" } } });
      },
    );
    expect(retries[0]?.delayMs).toBe(1000);
    expect(gaps(times)[0]).toBeGreaterThanOrEqual(950);
  });

  it("honours an HTTP-date Retry-After and caps a long one at maxRetryAfterMs", async () => {
    const times: number[] = [];
    const retries: RetryEvent[] = [];
    await withServer(
      (_req, res, i) => {
        times.push(performance.now());
        if (i === 0) {
          const inAnHour = new Date(Date.now() + 3_600_000).toUTCString();
          return json(res, 429, { message: "slow down" }, { "retry-after": inAnHour });
        }
        if (i === 1) return json(res, 503, {}, { "retry-after": "3600" });
        json(res, 200, { id: "1", name: "ok" });
      },
      async (s) => {
        const client = createHttpClient<paths>({
          system: "t",
          baseUrl: s.url,
          retry: { ...fast, maxRetryAfterMs: 60 },
          hooks: { onRetry: (e) => retries.push(e) },
        });
        await client.GET("/items/{id}", { params: { path: { id: "1" } } });
      },
    );
    expect(retries.map((r) => r.delayMs)).toEqual([60, 60]);
    expect((retries[0]?.error as RateLimitError | undefined)?.retryAfterMs).toBeGreaterThan(3_500_000);
    for (const g of gaps(times)) {
      expect(g).toBeGreaterThanOrEqual(55);
      expect(g).toBeLessThan(1000);
    }
  });
});

describe("what is retried", () => {
  it("does not retry 4xx validation errors (400, 422), even for GET", async () => {
    for (const status of [400, 422]) {
      await withServer(
        (_req, res) => json(res, status, { errors: [{ message: "bad", field: "name" }] }),
        async (s) => {
          const client = createHttpClient<paths>({ system: "t", baseUrl: s.url, retry: fast });
          const err = await client
            .GET("/items/{id}", { params: { path: { id: "1" } } })
            .catch((e: unknown) => e);
          expect(err).toBeInstanceOf(BadRequestError);
          expect((err as BadRequestError).issues[0]?.path).toBe("name");
          expect(s.seen).toHaveLength(1);
        },
      );
    }
  });

  it("does not retry a POST unless marked idempotent; an idempotent one resends the identical body", async () => {
    await withServer(
      (_req, res) => json(res, 503, { message: "unavailable" }),
      async (s) => {
        const client = createHttpClient<paths>({ system: "t", baseUrl: s.url, retry: fast });
        const body = { name: "Ünïcode ✓", rate: "187.50" };
        const err = await client.POST("/items", { body }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(HttpError);
        expect((err as HttpError).status).toBe(503);
        expect((err as HttpError).retryable).toBe(true);
        expect((err as HttpError).attempts).toBe(1);
        expect(s.seen).toHaveLength(1);

        const err2 = await client.POST("/items", { body, idempotent: true }).catch((e: unknown) => e);
        expect((err2 as HttpError).attempts).toBe(3);
        const retried = s.seen.slice(1);
        expect(retried).toHaveLength(3);
        expect(retried.every((r) => r.body === JSON.stringify(body))).toBe(true);
        expect(retried.every((r) => r.headers["content-type"] === "application/json")).toBe(true);
        // PUT needs the mark too
        await client.PUT("/items/{id}", { params: { path: { id: "1" } }, body }).catch(() => undefined);
        expect(s.seen).toHaveLength(5);
      },
    );
  });

  it("retries vendor codes connectors mark retryable and not the ones marked fatal", async () => {
    await withServer(
      (req, res, i) => {
        if (req.url.startsWith("/items/lock")) {
          return i % 2 === 0
            ? json(res, 400, [
                { message: "unable to obtain exclusive access", errorCode: "UNABLE_TO_LOCK_ROW" },
              ])
            : json(res, 200, { id: "1", name: "ok" });
        }
        if (req.url.startsWith("/items/limit")) {
          return json(res, 503, [
            { message: "TotalRequests Limit exceeded.", errorCode: "REQUEST_LIMIT_EXCEEDED" },
          ]);
        }
        return json(res, 429, {
          title: "Too Many Requests",
          "o:errorDetails": [
            { detail: "Concurrent request limit exceeded", "o:errorCode": "CONCURRENCY_LIMIT_EXCEEDED" },
          ],
        });
      },
      async (s) => {
        const client = createHttpClient<paths>({
          system: "t",
          baseUrl: s.url,
          retry: {
            ...fast,
            retryableVendorCodes: ["UNABLE_TO_LOCK_ROW", "CONCURRENCY_LIMIT_EXCEEDED"],
            nonRetryableVendorCodes: ["REQUEST_LIMIT_EXCEEDED"],
          },
        });
        const { data } = await client.GET("/items/{id}", { params: { path: { id: "lock" } } });
        expect(data?.name).toBe("ok");
        expect(s.seen).toHaveLength(2);

        const limit = await client
          .GET("/items/{id}", { params: { path: { id: "limit" } } })
          .catch((e: unknown) => e);
        expect((limit as HttpError).vendorCode).toBe("REQUEST_LIMIT_EXCEEDED");
        expect(s.seen).toHaveLength(3);

        const gov = await client
          .GET("/items/{id}", { params: { path: { id: "gov" } } })
          .catch((e: unknown) => e);
        expect(gov).toBeInstanceOf(RateLimitError);
        expect((gov as RateLimitError).vendorCode).toBe("CONCURRENCY_LIMIT_EXCEEDED");
        expect((gov as RateLimitError).attempts).toBe(3);
        expect(s.seen).toHaveLength(6);
      },
    );
  });
});

describe("refusals made before any work", () => {
  const refusal = {
    title: "Too Many Requests",
    "o:errorDetails": [
      { detail: "Concurrent request limit exceeded", "o:errorCode": "CONCURRENCY_LIMIT_EXCEEDED" },
    ],
  };

  it("retries a refused request past maxAttempts, even a non-idempotent POST, without spending the budget", async () => {
    const retries: RetryEvent[] = [];
    await withServer(
      (_req, res, i) => (i < 7 ? json(res, 429, refusal) : json(res, 200, { id: "1", name: "ok" })),
      async (s) => {
        const budget = new RetryBudget({ capacity: 10, retryCost: 5 });
        const client = createHttpClient<paths>({
          system: "t",
          baseUrl: s.url,
          retry: { ...fast, maxAttempts: 3, budget, refusalVendorCodes: ["CONCURRENCY_LIMIT_EXCEEDED"] },
          hooks: { onRetry: (e) => retries.push(e) },
        });
        const body = { name: "n", amount: "1.00" };
        const { data } = await client.POST("/items", { body });
        expect(data?.name).toBe("ok");
        expect(s.seen).toHaveLength(8);
        expect(s.seen.every((r) => r.body === JSON.stringify(body))).toBe(true);
        expect(retries).toHaveLength(7);
        expect(budget.available).toBe(10);
      },
    );
  });

  it("counts real failures as attempts between refusals (a write attempt such as UNABLE_TO_LOCK_ROW is not a refusal)", async () => {
    await withServer(
      (_req, res, i) =>
        i % 2 === 0
          ? json(res, 429, refusal)
          : json(res, 400, [
              { message: "unable to obtain exclusive access", errorCode: "UNABLE_TO_LOCK_ROW" },
            ]),
      async (s) => {
        const client = createHttpClient<paths>({
          system: "t",
          baseUrl: s.url,
          retry: {
            ...fast,
            maxAttempts: 3,
            retryableVendorCodes: ["UNABLE_TO_LOCK_ROW"],
            refusalVendorCodes: ["CONCURRENCY_LIMIT_EXCEEDED"],
          },
        });
        const err = await client
          .GET("/items/{id}", { params: { path: { id: "1" } } })
          .catch((e: unknown) => e);
        expect((err as HttpError).vendorCode).toBe("UNABLE_TO_LOCK_ROW");
        // refusal, lock, refusal, lock, refusal, lock: three counted attempts, three refusals between them
        expect(s.seen).toHaveLength(6);
      },
    );
  });

  it("stops retrying refusals at refusalMaxWaitMs and when the caller aborts", async () => {
    await withServer(
      (_req, res) => json(res, 429, refusal),
      async (s) => {
        const client = createHttpClient<paths>({
          system: "t",
          baseUrl: s.url,
          retry: {
            baseDelayMs: 20,
            maxDelayMs: 40,
            refusalVendorCodes: ["CONCURRENCY_LIMIT_EXCEEDED"],
            refusalMaxWaitMs: 300,
          },
        });
        const started = performance.now();
        const err = await client
          .GET("/items/{id}", { params: { path: { id: "1" } } })
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RateLimitError);
        expect(performance.now() - started).toBeLessThan(2_000);
        expect(s.seen.length).toBeGreaterThan(3);

        const controller = new AbortController();
        const endless = createHttpClient<paths>({
          system: "t",
          baseUrl: s.url,
          retry: { baseDelayMs: 5, maxDelayMs: 10, refusalVendorCodes: ["CONCURRENCY_LIMIT_EXCEEDED"] },
        });
        const pending = endless
          .GET("/items/{id}", { params: { path: { id: "1" } }, signal: controller.signal })
          .catch((e: unknown) => e);
        setTimeout(() => controller.abort(), 100);
        expect(await pending).toMatchObject({ code: "ABORTED" });
      },
    );
  });
});

describe("backoff", () => {
  it("grows exponentially with jitter and stays under maxDelayMs", () => {
    const lo = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000, jitter: 0.5, random: () => 0 });
    const hi = resolveRetryPolicy({
      baseDelayMs: 100,
      maxDelayMs: 1000,
      jitter: 0.5,
      random: () => 0.999999,
    });
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(lo, n, undefined))).toEqual([100, 200, 400, 800, 1000]);
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(hi, n, undefined))).toEqual([50, 100, 200, 400, 500]);
    expect(retryDelay(lo, 1, 5000)).toBe(5000);
    expect(retryDelay(resolveRetryPolicy({ maxRetryAfterMs: 2000 }), 1, 5000)).toBe(2000);
  });

  it("rejects bad options with a TypeError naming them", () => {
    expect(() => resolveRetryPolicy({ jitter: 2 })).toThrow(/retry\.jitter/);
    expect(() => resolveRetryPolicy({ baseDelayMs: -1 })).toThrow(/retry\.baseDelayMs/);
    expect(() => new RetryBudget({ capacity: 0 })).toThrow(/capacity/);
  });
});

describe("retry budget", () => {
  it("stops a retry storm against a dependency that always fails", async () => {
    await withServer(
      (_req, res) => json(res, 503, { message: "down" }),
      async (s) => {
        const budget = new RetryBudget({ capacity: 20, retryCost: 5 });
        const client = createHttpClient<paths>({ system: "t", baseUrl: s.url, retry: { ...fast, budget } });
        for (let i = 0; i < 20; i++) {
          await client.GET("/items/{id}", { params: { path: { id: "1" } } }).catch(() => undefined);
        }
        // 20 first attempts + the 4 retries the budget paid for, instead of 60 requests.
        expect(s.seen).toHaveLength(24);
        expect(budget.available).toBe(0);
      },
    );
  });

  it("still recovers every request at a steady 20 % transient-fault rate", async () => {
    await withServer(
      (_req, res, i) => (i % 5 === 0 ? json(res, 503, {}) : json(res, 200, { id: "1", name: "ok" })),
      async (s) => {
        const client = createHttpClient<paths>({ system: "t", baseUrl: s.url, retry: fast });
        for (let i = 0; i < 200; i++) {
          const { data } = await client.GET("/items/{id}", { params: { path: { id: "1" } } });
          expect(data?.name).toBe("ok");
        }
        expect(client.retryBudget?.available).toBe(500);
      },
    );
  });

  it("default sizing: 20 % faults never exhaust it; 80 % faults stop retries (simulation)", () => {
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const simulate = (faultRate: number, requests: number) => {
      const budget = new RetryBudget();
      let denied = 0;
      let retries = 0;
      let retriesLateHalf = 0;
      for (let r = 0; r < requests; r++) {
        let cost: number | undefined;
        for (let attempt = 1; attempt <= 3; attempt++) {
          if (rand() >= faultRate) {
            budget.recordSuccess(cost);
            break;
          }
          if (attempt === 3) break;
          cost = budget.tryAcquire();
          if (cost === undefined) {
            denied++;
            break;
          }
          retries++;
          if (r >= requests / 2) retriesLateHalf++;
        }
      }
      return { denied, retries, retriesLateHalf };
    };
    expect(simulate(0.2, 10_000).denied).toBe(0);
    const storm = simulate(0.8, 10_000);
    expect(storm.denied).toBeGreaterThan(4_000);
    // Without a budget 5,000 late requests at 80 % faults would send ≈ 7,200 retries.
    expect(storm.retriesLateHalf).toBeLessThan(400);
  });
});
