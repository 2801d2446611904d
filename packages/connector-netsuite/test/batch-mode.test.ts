import { MemoryLedger } from "@ledgerline/core";
import { afterEach, describe, expect, it } from "vitest";
import { BatchQueue } from "../src/batch-queue.js";
import { createNetSuiteClient, type NetSuiteClientConfig, toTimeBill } from "../src/index.js";
import { createNetSuiteFake, type NetSuiteFake, type NetSuiteFakeOptions } from "../src/testing/index.js";
import { ctx, timeEntry } from "./fixtures.js";

let fake: NetSuiteFake;

const JOB = "GET /async/v1/job/{jobId}";
const RESULT = "GET /async/v1/job/{jobId}/task/{taskId}/result";
const SUBMIT = "PUT /record/v1/timeBill";

function setup(fakeOptions: NetSuiteFakeOptions = {}, config: Partial<NetSuiteClientConfig> = {}) {
  fake = createNetSuiteFake({ latency: { minMs: 2, maxMs: 2 }, asyncPollsBeforeDone: 2, ...fakeOptions });
  return createNetSuiteClient({
    accountId: "123456_SB1",
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
    auth: { type: "none" },
    masterData: ctx,
    retry: { baseDelayMs: 1, maxDelayMs: 5, budget: false },
    batch: { pollIntervalMs: 1, maxPollIntervalMs: 4 },
    ...config,
  });
}

/** Jobs submitted and not yet seen complete, at most, and result requests in the fake at once, at most. */
function watchJobs() {
  const seen = { open: 0, maxOpen: 0, maxResultsInFlight: 0 };
  const completed = new Set<string>();
  fake.api.onHandled((request, response) => {
    if (request.route === SUBMIT && response.status === 202) {
      seen.open++;
      seen.maxOpen = Math.max(seen.maxOpen, seen.open);
    }
    const body = response.body as { completed?: boolean } | undefined;
    if (request.route === JOB && body?.completed && !completed.has(request.params.jobId ?? "")) {
      completed.add(request.params.jobId ?? "");
      seen.open--;
    }
    if (request.route === RESULT) {
      seen.maxResultsInFlight = Math.max(seen.maxResultsInFlight, fake.api.inFlight);
    }
  });
  return seen;
}

afterEach(async () => {
  fake.assertNoViolations();
  await fake.close();
});

const entries = (n: number, from = 0) => Array.from({ length: n }, (_, i) => timeEntry(String(from + i)));

describe("NetSuite batch mode", () => {
  it("keeps several jobs in flight, up to the account's limit, and loses or doubles no record", async () => {
    const netsuite = setup({ concurrencyLimit: 5 }, { limits: { maxConcurrency: 5 } });
    const seen = watchJobs();
    const report = await netsuite.postTime(entries(1_000), { mode: "batch" });
    expect(report).toMatchObject({ mode: "batch", input: 1_000, written: 1_000, failed: 0, rejected: 0 });
    expect(fake.api.handled(SUBMIT)).toBe(10);
    expect(seen.maxOpen).toBeGreaterThan(1);
    expect(seen.maxOpen).toBeLessThanOrEqual(5);
    const stored = fake.records("timeBill");
    expect(stored).toHaveLength(1_000);
    expect(fake.duplicateExternalIds()).toEqual([]);
    // every result names the record NetSuite holds for its key
    const byKey = new Map(stored.map((r) => [r.externalId, r.id]));
    expect(report.results.every((r) => r.internalId === byKey.get(r.key))).toBe(true);
    expect(new Set(report.results.map((r) => r.key)).size).toBe(1_000);
  });

  it("fetches every task result, concurrently through the client's limiter, when asked to", async () => {
    const netsuite = setup(
      { concurrencyLimit: 4 },
      { limits: { maxConcurrency: 4 }, batch: { pollIntervalMs: 1, resolveIds: "task-results" } },
    );
    const seen = watchJobs();
    const report = await netsuite.postTime(entries(300), { mode: "batch" });
    expect(report).toMatchObject({ written: 300, failed: 0 });
    expect(fake.api.handled(RESULT)).toBe(300);
    expect(seen.maxResultsInFlight).toBeGreaterThan(1);
    expect(seen.maxResultsInFlight).toBeLessThanOrEqual(4);
    // never over the account's limit: no refusal at all
    expect(fake.api.requests.filter((r) => r.fault === "governance")).toEqual([]);
  });

  it("reads task results only for records SuiteQL cannot prove created (updates)", async () => {
    const netsuite = setup();
    await netsuite.postTime(entries(30), { mode: "single" });
    const before = fake.api.handled(RESULT);
    // 30 updates of existing records + 70 new ones, one of them refused by NetSuite (unknown property)
    const batch = entries(100).map((e, i) => (i < 30 ? { ...e, minutes: 300 } : e));
    const report = await netsuite.postTime(batch, { mode: "batch" });
    expect(report).toMatchObject({ written: 100, failed: 0 });
    expect(fake.api.handled(RESULT) - before).toBe(30);
    expect(fake.records("timeBill")).toHaveLength(100);
    expect(fake.records("timeBill").filter((r) => r.hours === "5:00")).toHaveLength(30);
  });

  it("a record NetSuite refuses inside a job is rejected with its reason; the rest are written", async () => {
    const netsuite = setup();
    const items = entries(5).map((e) => ({ ...toTimeBill(e, ctx), externalId: e.key }));
    (items[2] as Record<string, unknown>).notAField = "x";
    const { runBatchUpsert } = await import("../src/index.js");
    const outcomes = await runBatchUpsert(netsuite.http, "timeBill", items, { pollIntervalMs: 1 });
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, false, true, true]);
    expect(fake.api.handled(RESULT)).toBe(1);
    expect(fake.records("timeBill")).toHaveLength(4);
  });

  it("auto mode: a large array goes through batch jobs when they cost fewer requests per record", async () => {
    const ledger = new MemoryLedger();
    const netsuite = setup({}, { ledger });
    const report = await netsuite.postTime(entries(600));
    expect(report.mode).toBe("batch");
    expect(report.modes.batch).toBe(600);
    expect(report.written).toBe(600);
    // far fewer requests than records
    expect(fake.api.calls()).toBeLessThan(100);
    // a small one goes one by one
    const small = await netsuite.postTime(entries(10, 1_000));
    expect(small).toMatchObject({ mode: "single", modes: { single: 10, batch: 0 }, written: 10 });
    // unchanged content is skipped through the ledger whatever the mode
    const again = await netsuite.postTime(entries(600));
    expect(again).toMatchObject({ unchanged: 600, written: 0 });
  });

  it("auto mode on a stream: the first batchThreshold records go one by one, the rest in jobs", async () => {
    const netsuite = setup({}, { batchThreshold: 50 });
    async function* stream() {
      yield* entries(450);
    }
    const report = await netsuite.postTime(stream());
    expect(report.modes).toEqual({ single: 50, batch: 400 });
    expect(report.written).toBe(450);
    expect(fake.records("timeBill")).toHaveLength(450);
  });

  it("a client set above the account's limit posts everything: refusals are retried, none fails", async () => {
    const netsuite = setup({ concurrencyLimit: 3 }, { limits: { maxConcurrency: 12 } });
    const report = await netsuite.postTime(entries(400), { mode: "single" });
    expect(report).toMatchObject({ written: 400, failed: 0 });
    expect(fake.records("timeBill")).toHaveLength(400);
    expect(netsuite.http.limiter.adaptive?.learnedCeiling).toBeLessThanOrEqual(3);
  });
});

describe("BatchQueue", () => {
  it("sends full chunks at once, at most maxInFlight of them, the rest as chunks complete", async () => {
    const releases: Array<() => void> = [];
    const sent: number[][] = [];
    const queue = new BatchQueue<number, number>(
      (items) =>
        new Promise((resolve) => {
          sent.push(items);
          releases.push(() => resolve(items.map((v) => ({ ok: true, value: v * 2 }))));
        }),
      10,
      60_000,
      () => 2,
    );
    const results = Array.from({ length: 45 }, (_, i) => queue.enqueue(i));
    expect(sent.map((c) => c.length)).toEqual([10, 10]);
    expect(queue.chunksInFlight).toBe(2);
    releases.shift()?.();
    await results[0];
    await new Promise((r) => setTimeout(r, 0));
    expect(sent.map((c) => c.length)).toEqual([10, 10, 10]);
    queue.flush(); // the 5 left over go without waiting for the linger time, once a slot frees
    while (releases.length > 0) {
      releases.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(sent.map((c) => c.length)).toEqual([10, 10, 10, 10, 5]);
    expect(await Promise.all(results)).toEqual(Array.from({ length: 45 }, (_, i) => i * 2));
  });
});
