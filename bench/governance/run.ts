// NetSuite governance at and above the account's limit, single vs batch (issue 16).
// The NetSuite fake answers every request 20 ms after it arrived and refuses more than 5 at once with 429
// CONCURRENCY_LIMIT_EXCEEDED. Each scenario posts ENTRIES time entries through the public API against a
// fresh fake; the floor is plain `fetch` sending the same single-mode requests with 5 workers, measured
// in the same run. Reported: wall time as a ratio to the floor and to the scenario's own bound (requests ×
// latency ÷ limit), requests refused, records failed, CPU per record. A benchmark, not a test.
// Targets: single ≤ 1.05 × floor; batch faster than single and ≤ 1.5 × its own bound; client at 20 on a
// limit-5 account: ≤ 1 % refused, 0 failed.
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import type { ApprovedTimeEntry } from "@ledgerline/canonical";
import { createNetSuiteClient, type MapContext, toTimeBill } from "@ledgerline/connector-netsuite";
import { createNetSuiteFake } from "@ledgerline/connector-netsuite/testing";

const N = Number(process.env.ENTRIES ?? 20_000);
const LATENCY = 20;
const LIMIT = 5;
const loadBefore = loadavg();

const ctx: MapContext = {
  dimensions: {
    target: "netsuite",
    tables: {
      costCenter: { "CC-100": "3" },
      practice: { DATA: "7" },
      region: { EMEA: "2" },
      legalEntity: { UK: "4" },
    },
  },
};
const entries: ApprovedTimeEntry[] = Array.from({ length: N }, (_, i) => ({
  key: `kantata-time_entries-${i}`,
  source: {
    system: "kantata",
    type: "time_entries",
    id: String(i),
    version: "1",
    updatedAt: "2026-11-20T10:00:00Z",
  },
  resource: { key: "workday-worker-9", ids: { netsuite: "301" } },
  project: { key: "kantata-workspaces-77", ids: { netsuite: "601" } },
  task: { key: "kantata-stories-5", ids: { netsuite: "701" } },
  date: "2026-11-16",
  minutes: 270,
  billable: true,
  approval: { state: "approved", approvedAt: "2026-11-17T09:00:00Z" },
  billRate: { amount: "150.00", currency: "GBP" },
  dimensions: { costCenter: "CC-100", practice: "DATA", region: "EMEA", legalEntity: "UK" },
  notes: "Pipeline work",
}));

async function withFake<T>(fn: (baseUrl: string, fake: ReturnType<typeof createNetSuiteFake>) => Promise<T>) {
  const fake = createNetSuiteFake({ latency: { minMs: LATENCY, maxMs: LATENCY }, concurrencyLimit: LIMIT });
  const server = await fake.listen();
  try {
    return await fn(server.url, fake);
  } finally {
    await fake.close();
  }
}

/** Plain fetch, 5 workers, the same PUT upserts single mode sends. */
async function floor() {
  return withFake(async (baseUrl, fake) => {
    const bodies = entries.map((e) => JSON.stringify({ ...toTimeBill(e, ctx) }));
    let next = 0;
    let refused = 0;
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: LIMIT }, async () => {
        while (next < N) {
          const i = next++;
          for (;;) {
            const res = await fetch(`${baseUrl}/record/v1/timeBill/eid:${entries[i]?.key}`, {
              method: "PUT",
              headers: {
                "content-type": "application/json",
                accept: "application/json",
                "x-netsuite-propertynamevalidation": "Error",
              },
              body: bodies[i] as string,
            });
            await res.arrayBuffer();
            if (res.status !== 429) break;
            refused++;
          }
        }
      }),
    );
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpu0);
    return {
      wallMs: Math.round(wallMs),
      requests: fake.api.calls(),
      refused,
      boundMs: (N * LATENCY) / LIMIT,
      ratioToBound: round(wallMs / ((N * LATENCY) / LIMIT)),
      cpuMsPerRecord: round((cpu.user + cpu.system) / 1000 / N),
      written: fake.records("timeBill").length,
    };
  });
}

async function scenario(mode: "single" | "batch", clientLimit: number) {
  return withFake(async (baseUrl, fake) => {
    const netsuite = createNetSuiteClient({
      accountId: "123456_SB1",
      baseUrl,
      auth: { type: "none" },
      masterData: ctx,
      limits: { maxConcurrency: clientLimit },
    });
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    const report = await netsuite.postTime(entries, { mode, collectResults: false });
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpu0);
    const requests = fake.api.calls();
    const refused = requests - fake.api.handled();
    const boundMs = ((requests - refused) * LATENCY) / LIMIT;
    return {
      mode,
      clientLimit,
      wallMs: Math.round(wallMs),
      requests,
      refused,
      refusedPct: round((100 * refused) / requests),
      boundMs: Math.round(boundMs),
      ratioToOwnBound: round(wallMs / boundMs),
      written: report.written,
      failed: report.failed,
      storedRecords: fake.records("timeBill").length,
      duplicates: fake.duplicateExternalIds().length,
      learnedCeiling: netsuite.http.limiter.adaptive?.learnedCeiling,
      cpuMsPerRecord: round((cpu.user + cpu.system) / 1000 / N),
    };
  });
}

const round = (x: number) => Number(x.toFixed(3));

const floorRun = await floor();
console.log("floor (plain fetch)", floorRun);
const runs = [];
for (const [mode, limit] of [
  ["single", LIMIT],
  ["batch", LIMIT],
  ["single", 20],
  ["batch", 20],
] as const) {
  const r = await scenario(mode, limit);
  const withRatio = { ...r, ratioToFloor: round(r.wallMs / floorRun.wallMs) };
  console.log(withRatio);
  runs.push(withRatio);
}
const find = (mode: string, limit: number) => runs.find((r) => r.mode === mode && r.clientLimit === limit);
const single5 = find("single", LIMIT);
const batch5 = find("batch", LIMIT);
const over = runs.filter((r) => r.clientLimit === 20);
const out = {
  benchmark: "governance",
  description: `NetSuite fake (fixed ${LATENCY} ms latency from arrival, account limit ${LIMIT}) over loopback HTTP; ${N} time entries per scenario; floor = plain fetch, ${LIMIT} workers, same requests, same run`,
  node: process.version,
  entries: N,
  loadAverage: { before: loadBefore, after: loadavg() },
  floor: floorRun,
  scenarios: runs,
  targets: {
    singleWithin105OfFloor: {
      target: "single ≤ 1.05 × floor",
      ratio: single5?.ratioToFloor,
      met: (single5?.ratioToFloor ?? 9) <= 1.05,
    },
    batchFasterThanSingle: { met: (batch5?.wallMs ?? Infinity) < (single5?.wallMs ?? 0) },
    batchWithin15OfOwnBound: {
      target: "batch ≤ 1.5 × own bound",
      ratio: batch5?.ratioToOwnBound,
      met: (batch5?.ratioToOwnBound ?? 9) <= 1.5,
    },
    over20RefusedAtMost1Pct: {
      refusedPct: over.map((r) => r.refusedPct),
      met: over.every((r) => r.refusedPct <= 1),
    },
    over20NoFailed: { failed: over.map((r) => r.failed), met: over.every((r) => r.failed === 0) },
  },
};
console.log(JSON.stringify(out.targets, null, 2));
if (process.env.BENCH_RESULTS) writeFileSync(process.env.BENCH_RESULTS, `${JSON.stringify(out, null, 2)}\n`);
