import { describe, expect, it } from "vitest";
import { type BatchProgress, type BatchResult, runBatch } from "../src/batch.js";
import { AbortedError, ValidationError } from "../src/errors.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sum = (r: { written: number; unchanged: number; rejected: number; failed: number }) =>
  r.written + r.unchanged + r.rejected + r.failed;

describe("runBatch", () => {
  it("puts every record in exactly one bucket", async () => {
    const results: BatchResult[] = [];
    const report = await runBatch(
      [1, 2, 3, 4, 5, 6],
      async (n) => {
        if (n === 1) return { status: "written", targetId: "t1" };
        if (n === 2) return { status: "unchanged" };
        if (n === 3) throw new ValidationError("bad", [{ path: "hours", message: "must be an integer" }]);
        if (n === 4) return { status: "rejected", reason: "project closed", field: "project" };
        if (n === 5) throw new Error("HTTP 503");
        return { status: "weird" } as never;
      },
      { keyOf: (n) => `k${n}`, onResult: (r) => void results.push(r) },
    );
    expect(report).toMatchObject({ input: 6, written: 1, unchanged: 1, rejected: 2, failed: 2 });
    expect(report.stopReason).toBe("completed");
    expect(report.rejectedSamples).toEqual([
      {
        index: 2,
        key: "k3",
        status: "rejected",
        reason: "must be an integer",
        field: "hours",
        issues: [{ path: "hours", message: "must be an integer" }],
      },
      {
        index: 3,
        key: "k4",
        status: "rejected",
        reason: "project closed",
        field: "project",
        issues: [{ path: "project", message: "project closed" }],
      },
    ]);
    expect(report.failedSamples.map((r) => r.status === "failed" && r.message)).toEqual([
      "HTTP 503",
      expect.stringMatching(/handler returned "weird"/),
    ]);
    expect(results.map((r) => r.index).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("accepts a sync generator and an async generator", async () => {
    function* sync() {
      yield* [1, 2, 3];
    }
    async function* asyncGen() {
      for (let i = 0; i < 3; i++) yield i;
    }
    const ok = () => ({ status: "written" as const });
    expect((await runBatch(sync(), ok)).written).toBe(3);
    expect((await runBatch(asyncGen(), ok)).written).toBe(3);
  });

  it("never holds more than `concurrency` records and reads the source lazily", async () => {
    let read = 0;
    let active = 0;
    let maxActive = 0;
    let maxAhead = 0;
    let finished = 0;
    async function* source() {
      for (let i = 0; i < 50; i++) {
        read++;
        maxAhead = Math.max(maxAhead, read - finished);
        yield i;
      }
    }
    const report = await runBatch(
      source(),
      async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(1);
        active--;
        finished++;
        return { status: "written" };
      },
      { concurrency: 3 },
    );
    expect(report.written).toBe(50);
    expect(maxActive).toBe(3);
    expect(maxAhead).toBeLessThanOrEqual(3);
  });

  it("caps samples while counting everything", async () => {
    const report = await runBatch(
      Array.from({ length: 100 }, (_, i) => i),
      () => {
        throw new Error("down");
      },
      { sampleLimit: 5 },
    );
    expect(report.failed).toBe(100);
    expect(report.failedSamples).toHaveLength(5);
  });

  it("emits progress with total, fraction, rate and ETA, and a final event", async () => {
    const events: BatchProgress[] = [];
    await runBatch(
      Array.from({ length: 20 }, (_, i) => i),
      async () => {
        await sleep(2);
        return { status: "written" };
      },
      { total: 20, concurrency: 2, progressIntervalMs: 0, onProgress: (p) => events.push(p) },
    );
    const last = events.at(-1)!;
    expect(last).toMatchObject({ final: true, done: 20, total: 20, fraction: 1, written: 20, inFlight: 0 });
    const mid = events.find((e) => !e.final && e.done === 10)!;
    expect(mid.fraction).toBe(0.5);
    expect(mid.ratePerSecond).toBeGreaterThan(0);
    expect(mid.etaMs).toBeGreaterThan(0);
  });

  it("after an abort, accounts for in-flight and just-read records and stops reading", async () => {
    const controller = new AbortController();
    let read = 0;
    let closed = false;
    async function* source() {
      try {
        for (let i = 0; i < 1000; i++) {
          read++;
          yield i;
        }
      } finally {
        closed = true;
      }
    }
    const report = await runBatch(
      source(),
      async (n, { signal }) => {
        if (n === 10) controller.abort();
        if (n >= 10) {
          await sleep(5);
          if (signal.aborted) throw new AbortedError();
        }
        return { status: "written" };
      },
      { concurrency: 4, signal: controller.signal, total: 1000 },
    );
    expect(report.stopReason).toBe("aborted");
    expect(report.input).toBe(read);
    expect(sum(report)).toBe(report.input);
    expect(report.input).toBeLessThan(20);
    expect(report.failed).toBeGreaterThan(0);
    expect(report.unread).toBe(1000 - report.input);
    expect(closed).toBe(true);
    expect(report.failedSamples.every((r) => r.status === "failed" && r.error instanceof AbortedError)).toBe(
      true,
    );
  });

  it("with drainOnAbort, counts the rest of the source as failed", async () => {
    const controller = new AbortController();
    controller.abort();
    const report = await runBatch([1, 2, 3], () => ({ status: "written" }), {
      signal: controller.signal,
      drainOnAbort: true,
    });
    expect(report).toMatchObject({ input: 3, failed: 3, written: 0, stopReason: "aborted" });
  });

  it("reports a source that throws without losing what it read", async () => {
    async function* source() {
      yield 1;
      yield 2;
      throw new Error("page 2 failed");
    }
    const report = await runBatch(source(), () => ({ status: "written" }));
    expect(report).toMatchObject({ input: 2, written: 2, stopReason: "source-error" });
    expect((report.sourceError as Error).message).toBe("page 2 failed");
  });

  it("counts onResult errors without changing buckets", async () => {
    const report = await runBatch([1, 2], () => ({ status: "written" }), {
      onResult: () => {
        throw new Error("disk full");
      },
    });
    expect(report).toMatchObject({ written: 2, onResultErrors: 2 });
  });

  it("validates options, naming the option", async () => {
    await expect(runBatch([], () => ({ status: "written" }), { concurrency: 0 })).rejects.toThrow(
      /concurrency/,
    );
    await expect(runBatch(42 as never, () => ({ status: "written" }))).rejects.toThrow(/iterable/);
  });
});

describe("runBatch progress while records are slow", () => {
  it("keeps emitting progress events while no record finishes", async () => {
    // The one record finishes only after two progress events arrived while it was still running: no timing
    // assumption, so a loaded machine cannot make this flaky, and a runner that only reports on completion
    // would hang the record until the test times out.
    const whileRunning: BatchProgress[] = [];
    const events: BatchProgress[] = [];
    let running = true;
    let sawTwo: () => void = () => {};
    const twoEvents = new Promise<void>((resolve) => {
      sawTwo = resolve;
    });
    await runBatch(
      [1],
      async () => {
        await twoEvents;
        running = false;
        return { status: "written" };
      },
      {
        progressIntervalMs: 20,
        onProgress: (p) => {
          events.push(p);
          if (running && !p.final) whileRunning.push(p);
          if (whileRunning.length >= 2) sawTwo();
        },
      },
    );
    expect(whileRunning.length).toBeGreaterThanOrEqual(2);
    expect(whileRunning.every((e) => e.done === 0 && e.inFlight === 1)).toBe(true);
    expect(events.at(-1)).toMatchObject({ final: true, done: 1 });
  });
});
