import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runQuoteToCash } from "../src/flow.js";
import { renderReport } from "../src/report.js";
import type { SeedSize } from "../src/seed.js";
import { statePaths } from "../src/state.js";

const SIZE: SeedSize = { clients: 2, projects: 3, consultants: 6, timeEntries: 200, expenses: 20 };

describe("the demo starts at the beginning (issue 14)", () => {
  let dir = "";
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("runs workforce → SOWs before time and expenses, reports each step, and a second run writes nothing", async () => {
    dir = await mkdtemp(join(tmpdir(), "quote-to-cash-start-"));
    const run = () =>
      runQuoteToCash({ seed: 7, size: SIZE, faults: 0, reset: false, paths: statePaths(dir) });
    const first = await run();
    const [workforce, sows] = first.startOfChain ?? [];
    // 5 cost centers (one unmapped on purpose) + 1 company + 6 people; 2 clients + 3 deals.
    expect(workforce).toMatchObject({
      name: "workforce (Workday)",
      input: 12,
      buckets: { written: 11, rejected: 1, failed: 0 },
    });
    expect(sows).toMatchObject({ name: "SOWs (Salesforce)", input: 5, buckets: { written: 5, failed: 0 } });
    expect(renderReport(first)).toMatch(/workforce \(Workday\)\s+12\s+11/);

    const second = await run();
    expect(second.startOfChain?.map((s) => s.buckets.written)).toEqual([0, 0]);
    expect(second.buckets.written).toBe(0);
  });
});
