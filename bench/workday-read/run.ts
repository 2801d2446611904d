/**
 * Workday read: 20,000 workers through the fake (in-process fetch, contract validation on) in pages of 100,
 * mapped to canonical resources, then a second change-detecting sync against a MemoryLedger. Reports
 * workers/s and the heap growth, to show the read streams instead of loading the collection.
 *
 *   npm run bench -- workday-read
 */
import { writeFileSync } from "node:fs";
import { createWorkdayClient, syncChanged } from "@ledgerline/connector-workday";
import { createWorkdayFake, WORKDAY_FAKE_CREDENTIALS } from "@ledgerline/connector-workday/testing";
import { MemoryLedger } from "@ledgerline/core";

const N = Number(process.env.WORKDAY_BENCH_WORKERS ?? 20_000);
const wid = (n: number) => n.toString(16).padStart(32, "0");
const fake = createWorkdayFake({
  seed: {
    workers: Array.from({ length: N }, (_, i) => ({
      id: wid(i + 1),
      descriptor: `Consultant ${i}`,
      workerId: String(100000 + i),
      workerType: { id: wid(0xe1), descriptor: "Employee" },
      primaryJob: {
        id: wid(0x1000000 + i),
        costCenter: { id: wid(0xcc), descriptor: "Consulting", referenceId: "CC-100" },
      },
    })),
  },
});
const workday = createWorkdayClient({
  host: "wd2-impl-services1.workday.com",
  tenant: fake.tenant,
  auth: WORKDAY_FAKE_CREDENTIALS,
  baseUrl: fake.baseUrl,
  fetch: fake.fetch,
});

globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let read = 0;
let heapPeak = heapBefore;
const t0 = performance.now();
for await (const r of workday.resources()) {
  if (r.ok) read++;
  if (read % 1000 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
}
const readMs = performance.now() - t0;

const ledger = new MemoryLedger();
const write = async (_v: unknown, key: string) => key;
await syncChanged(workday.resources(), { ledger, write });
const t1 = performance.now();
const second = await syncChanged(workday.resources(), { ledger, write });
const secondMs = performance.now() - t1;

const out = {
  benchmark: "workday-read",
  description:
    "Workday workers through the validating fake in pages of 100, mapped; then an unchanged second sync",
  node: process.version,
  workers: N,
  results: {
    readWorkersPerSecond: Math.round((read / readMs) * 1000),
    heapGrowthDuringReadMB: Math.round(((heapPeak - heapBefore) / 1e6) * 10) / 10,
    secondSyncWorkersPerSecond: Math.round((N / secondMs) * 1000),
    secondSyncWritten: second.written.length,
    tokenRequests: fake.tokenRequests,
  },
};
console.log(JSON.stringify(out.results));
if (process.env.BENCH_RESULTS) writeFileSync(process.env.BENCH_RESULTS, `${JSON.stringify(out, null, 2)}\n`);
