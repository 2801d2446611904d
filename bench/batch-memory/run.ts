// Streams 1M synthetic records through runBatch (key + content hash per record, a share rejected and a
// share failed, every result streamed to onResult) and records peak RSS. Target: peak RSS < 256 MB.
// Run: npm run bench -- batch-memory   (RECORDS=200000 for a quicker run)
import { writeFileSync } from "node:fs";
import { contentHash, idempotencyKey, runBatch, ValidationError } from "@ledgerline/core";

const { env } = process;
const RECORDS = Number(env.RECORDS ?? 1_000_000);
const CONCURRENCY = 16;
const TARGET_MB = 256;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function* syntheticTimeEntries(count: number) {
  for (let i = 0; i < count; i++) {
    yield {
      source: { system: "kantata", type: "time_entry", id: String(100_000 + i), version: 1 + (i % 3) },
      updatedAt: new Date(1_700_000_000_000 + i * 1000).toISOString(),
      projectId: `P-${i % 500}`,
      resourceId: `R-${i % 2000}`,
      date: "2026-03-02",
      minutes: i % 97 === 0 ? -15 : 15 * (1 + (i % 32)),
      billable: i % 4 !== 0,
      notes: `Work item ${i}: ${"x".repeat(i % 64)}`,
    };
  }
}

globalThis.gc?.();
const baselineRss = process.memoryUsage().rss;
let peakRss = baselineRss;
let peakHeap = process.memoryUsage().heapUsed;
const sample = () => {
  const m = process.memoryUsage();
  if (m.rss > peakRss) peakRss = m.rss;
  if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
};
const sampler = setInterval(sample, 25);

let streamed = 0;
const started = performance.now();
const report = await runBatch(
  syntheticTimeEntries(RECORDS),
  async (entry) => {
    if (entry.minutes < 0) {
      throw new ValidationError("invalid time entry", [{ path: "minutes", message: "must be >= 0" }]);
    }
    const key = idempotencyKey(entry.source);
    contentHash(entry, { exclude: ["updatedAt"] });
    await Promise.resolve();
    if (Number(entry.source.id) % 199 === 0) throw new Error(`simulated 503 for ${key}`);
    return { status: entry.source.version === 3 ? "unchanged" : "written", targetId: key };
  },
  {
    concurrency: CONCURRENCY,
    total: RECORDS,
    progressIntervalMs: 1000,
    onProgress: (p) => {
      sample();
      process.stdout.write(
        `\r${(100 * (p.fraction ?? 0)).toFixed(0).padStart(3)}% ${p.done}/${p.total} ${Math.round(p.ratePerSecond)}/s ETA ${Math.round((p.etaMs ?? 0) / 1000)}s rss ${mb(process.memoryUsage().rss)} MB   `,
      );
    },
    onResult: () => {
      streamed++;
    },
  },
);
clearInterval(sampler);
sample();
const durationMs = performance.now() - started;
process.stdout.write("\n");

const result = {
  benchmark: "batch-memory",
  node: process.version,
  records: RECORDS,
  concurrency: CONCURRENCY,
  durationMs: Math.round(durationMs),
  recordsPerSec: Math.round((RECORDS * 1000) / durationMs),
  baselineRssMB: mb(baselineRss),
  peakRssMB: mb(peakRss),
  peakHeapUsedMB: mb(peakHeap),
  targetPeakRssMB: TARGET_MB,
  withinTarget: peakRss < TARGET_MB * 1024 * 1024,
  report: {
    input: report.input,
    written: report.written,
    unchanged: report.unchanged,
    rejected: report.rejected,
    failed: report.failed,
    stopReason: report.stopReason,
    rejectedSamples: report.rejectedSamples.length,
    failedSamples: report.failedSamples.length,
  },
  streamedResults: streamed,
  accounted: report.input === report.written + report.unchanged + report.rejected + report.failed,
};
console.log(JSON.stringify(result, null, 2));
if (env.BENCH_RESULTS) writeFileSync(env.BENCH_RESULTS, `${JSON.stringify(result, null, 2)}\n`);
if (!result.accounted || report.input !== RECORDS) process.exitCode = 1;
