import { MemoryLedger } from "@ledgerline/core";
import { afterEach, describe, expect, it } from "vitest";
import { createWorkdayClient } from "../src/client.js";
import { missingCostCenterHeadline } from "../src/mappers/resource.js";
import { syncChanged } from "../src/operations/sync.js";
import { createWorkdayFake, WORKDAY_FAKE_CREDENTIALS, type WorkdayFake } from "../src/testing/index.js";
import type { WorkdayWorker } from "../src/workday-types.js";
import { wid } from "./fixtures.js";

const COMPANY = { id: wid(0xc0), descriptor: "Ledgerline US", referenceId: "US01" };

function worker(n: number, over: Partial<WorkdayWorker> = {}): WorkdayWorker {
  return {
    id: wid(n + 1),
    descriptor: `Consultant ${n}`,
    workerId: String(20000 + n),
    workerType: { id: wid(0xe1), descriptor: "Employee" },
    primaryWorkEmail: `consultant${n}@example.com`,
    primaryJob: {
      id: wid(0x100000 + n),
      company: COMPANY,
      costCenter: { id: wid(0xcc), descriptor: "Consulting", referenceId: "CC-100" },
    },
    ...over,
  };
}

let fake: WorkdayFake | undefined;
afterEach(() => {
  fake?.assertNoViolations();
  fake = undefined;
});

function client(f: WorkdayFake) {
  return createWorkdayClient({
    host: "wd2-impl-services1.workday.com",
    tenant: f.tenant,
    auth: WORKDAY_FAKE_CREDENTIALS,
    baseUrl: f.baseUrl,
    fetch: f.fetch,
  });
}

describe("Workday connector — done when", () => {
  it("reads 5,000 workers in pages of 100 with exactly one token request", async () => {
    fake = createWorkdayFake({ seed: { workers: Array.from({ length: 5000 }, (_, i) => worker(i)) } });
    const pages: string[] = [];
    fake.api.onHandled((request) => {
      if (request.route.endsWith("/workers")) {
        pages.push(`${request.query.get("limit")}@${request.query.get("offset")}`);
      }
    });
    const seen = new Set<string>();
    for await (const read of client(fake).resources({ asOf: "2026-11-30" })) {
      expect(read.ok).toBe(true);
      seen.add(read.key);
    }
    expect(seen.size).toBe(5000);
    expect(fake.tokenRequests).toBe(1);
    const route = "GET /api/{service}/{version}/{tenant}/workers";
    expect(fake.api.calls(route)).toBe(50);
    expect(pages).toEqual(Array.from({ length: 50 }, (_, i) => `100@${i * 100}`));
  });

  it("maps a terminated worker to an inactive resource", async () => {
    fake = createWorkdayFake({
      seed: { workers: [worker(1), worker(2, { terminationDate: "2026-10-31" })] },
    });
    const reads = [];
    for await (const read of client(fake).resources({ asOf: "2026-11-30" })) reads.push(read);
    expect(reads.map((r) => (r.ok ? r.value.active : undefined))).toEqual([true, false]);
  });

  it("turns workers without a cost center into integration exceptions, not a crash", async () => {
    const noCostCenter = (n: number) =>
      worker(n, { primaryJob: { id: wid(0x200000 + n), company: COMPANY } });
    fake = createWorkdayFake({ seed: { workers: [worker(1), noCostCenter(2), noCostCenter(3)] } });
    const report = await syncChanged(client(fake).resources(), {
      ledger: new MemoryLedger(),
      write: async (_r, key) => key,
    });
    expect(report.written).toHaveLength(3);
    expect(report.exceptions.map((e) => [e.code, e.impact, e.field])).toEqual([
      ["MISSING_COST_CENTER", "blocks-cost-posting", "primaryJob.costCenter"],
      ["MISSING_COST_CENTER", "blocks-cost-posting", "primaryJob.costCenter"],
    ]);
    expect(missingCostCenterHeadline(report.exceptions)).toBe(
      "2 consultants have no cost center: their time cannot be posted",
    );
  });

  it("writes nothing downstream on a second sync of unchanged data, and only what changed after", async () => {
    fake = createWorkdayFake({ seed: { workers: Array.from({ length: 250 }, (_, i) => worker(i)) } });
    const workday = client(fake);
    const ledger = new MemoryLedger();
    let downstream = 0;
    const write = async (_value: unknown, key: string) => {
      downstream++;
      return key;
    };
    const first = await syncChanged(workday.resources({ observedAt: "2026-11-29T00:00:00Z" }), {
      ledger,
      write,
    });
    expect(first.written).toHaveLength(250);
    expect(downstream).toBe(250);

    const second = await syncChanged(workday.resources({ observedAt: "2026-11-30T00:00:00Z" }), {
      ledger,
      write,
    });
    expect(second.unchanged).toHaveLength(250);
    expect(second.written).toHaveLength(0);
    expect(downstream).toBe(250);

    const changed = fake.data.workers[7] as WorkdayWorker;
    changed.businessTitle = "Senior Consultant";
    const third = await syncChanged(workday.resources(), { ledger, write });
    expect(third.written).toEqual([`workday-workers-${changed.id}`]);
    expect(downstream).toBe(251);
  });
});
