// Measured child of the pipeline bench. WHAT=floor: reads every page of approved time entries with plain
// fetch + JSON.parse (nothing mapped, nothing posted). WHAT=pipeline: PSA approvedTimeEntries() →
// NetSuite postTime() streaming (auto mode), refs resolved to NetSuite ids in between. Prints one JSON
// line: records, wall ms, records/s, peak RSS (process maxRSS) and the largest live heap seen after a GC.
import type { ApprovedTimeEntry } from "@ledgerline/canonical";
import { createNetSuiteClient } from "@ledgerline/connector-netsuite";
import { createPsaClient } from "@ledgerline/connector-psa";

const { KANTATA = "", NETSUITE = "", WHAT = "pipeline" } = process.env;
const gc = (globalThis as { gc?: () => void }).gc;
let liveHeap = 0;
const started = performance.now();
let records = 0;
let progressed = 0;
let ticks = 0;
const sampler = setInterval(() => {
  gc?.();
  liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed);
  // Every 30 s a progress line on stderr, so a long run (1M) shows its memory while it streams.
  if (++ticks % 30 === 0) {
    process.stderr.write(
      `${JSON.stringify({
        progress: WHAT,
        records: progressed,
        seconds: Math.round((performance.now() - started) / 1000),
        rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        liveHeapMb: Math.round(liveHeap / 1024 / 1024),
      })}\n`,
    );
  }
}, 1000);

let extra: Record<string, unknown> = {};
if (WHAT === "floor") {
  for (let page = 1; ; page++) {
    const res = await fetch(
      `${KANTATA}/time_entries.json?approved=true&per_page=200&page=${page}&include=user,story,workspace`,
      { headers: { authorization: "Bearer bench-token" } },
    );
    const body = (await res.json()) as { results: unknown[] };
    records += body.results.length;
    progressed = records;
    if (body.results.length < 200) break;
  }
} else {
  const psa = createPsaClient({ auth: "bench-token", baseUrl: KANTATA });
  const netsuite = createNetSuiteClient({
    accountId: "123456_SB1",
    baseUrl: NETSUITE,
    auth: { type: "none" },
    limits: { maxConcurrency: 5 },
  });
  let rejectedReads = 0;
  async function* approved(): AsyncGenerator<ApprovedTimeEntry> {
    for await (const read of psa.approvedTimeEntries()) {
      if (!read.ok) {
        rejectedReads++;
        continue;
      }
      const e = read.value;
      // What a crosswalk lookup gives: each reference's NetSuite id.
      yield {
        ...e,
        resource: { ...e.resource, ids: { netsuite: "301" } },
        project: { ...e.project, ids: { netsuite: "601" } },
        ...(e.task ? { task: { ...e.task, ids: { netsuite: "701" } } } : {}),
      };
    }
  }
  const report = await netsuite.postTime(approved(), {
    collectResults: false,
    onProgress: (p) => {
      progressed = p.done;
    },
  });
  records = report.input;
  extra = {
    written: report.written,
    rejected: report.rejected,
    failed: report.failed,
    modes: report.modes,
    rejectedReads,
  };
}
const wallMs = performance.now() - started;
clearInterval(sampler);
gc?.();
liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed);
process.stdout.write(
  `${JSON.stringify({
    what: WHAT,
    records,
    wallMs: Math.round(wallMs),
    recordsPerSecond: Math.round((records / wallMs) * 1000),
    usPerRecord: Number(((wallMs * 1000) / records).toFixed(1)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    liveHeapMb: Math.round(liveHeap / 1024 / 1024),
    ...extra,
  })}\n`,
);
