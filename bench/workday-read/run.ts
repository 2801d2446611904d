/**
 * Workday read: 20,000 workers through the fake (in-process fetch, contract validation on) in pages of 100,
 * mapped to canonical resources, then a second change-detecting sync against a MemoryLedger. Reports
 * workers/s and the heap growth, to show the read streams instead of loading the collection. The floor,
 * measured in the same run against the same fake, reads the same pages with plain fetch + JSON.parse
 * (nothing mapped); results are also given as ratios to it, with the load average.
 *
 *   npm run bench -- workday-read
 */
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
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

/** Plain fetch over the same fake: token once, then every page of 100 workers, parsed, nothing mapped. */
async function floor(): Promise<number> {
  const { clientId, clientSecret, refreshToken } = WORKDAY_FAKE_CREDENTIALS;
  const tokenRes = await fake.fetch(`${fake.baseUrl}/oauth2/${fake.tenant}/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }).toString(),
  });
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  let read = 0;
  const started = performance.now();
  for (let offset = 0; ; offset += 100) {
    const res = await fake.fetch(
      `${fake.baseUrl}/api/staffing/v6/${fake.tenant}/workers?limit=100&offset=${offset}`,
      { headers: { authorization: `Bearer ${access_token}`, accept: "application/json" } },
    );
    const page = (await res.json()) as { total: number; data: unknown[] };
    read += page.data.length;
    if (page.data.length === 0 || offset + page.data.length >= page.total) break;
  }
  if (read !== N) throw new Error(`floor read ${read} of ${N} workers`);
  return performance.now() - started;
}
const loadBefore = loadavg();
const floorMs = await floor();

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
  loadAverage: { before: loadBefore, after: loadavg() },
  results: {
    floorWorkersPerSecond: Math.round((N / floorMs) * 1000),
    readRatioToFloor: Number((readMs / floorMs).toFixed(3)),
    secondSyncRatioToFloor: Number((secondMs / floorMs).toFixed(3)),
    readWorkersPerSecond: Math.round((read / readMs) * 1000),
    heapGrowthDuringReadMB: Math.round(((heapPeak - heapBefore) / 1e6) * 10) / 10,
    secondSyncWorkersPerSecond: Math.round((N / secondMs) * 1000),
    secondSyncWritten: second.written.length,
    tokenRequests: fake.tokenRequests - 1, // the floor took one of its own
  },
};
console.log(JSON.stringify(out.results));
if (process.env.BENCH_RESULTS) writeFileSync(process.env.BENCH_RESULTS, `${JSON.stringify(out, null, 2)}\n`);
