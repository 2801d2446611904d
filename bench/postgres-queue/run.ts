// Scale-out through the Postgres queue: RECORDS approved time entries enqueued to a PostingQueue and posted
// by 1, 2 and 4 worker processes (PostingQueue → NetSuite connector → shared PostgresLedger, under a
// PostgresSemaphore of the account's limit) into the NetSuite fake served by this process with a fixed
// latency and an account limit of 20. Each worker takes at most PER_WORKER records at once (a process's
// share: 4 workers × 5 = the account's 20), so throughput should grow with workers up to the account limit
// and stop there. The floor, measured in the same run: the same records through one in-process
// `postTime` at the full account concurrency (no queue, no Postgres, a MemoryLedger) — the throughput the
// account allows this fake. Results are ratios to it. Checks: max in flight seen by the fake ≤ the limit,
// < 1 % of requests refused with 429, 0 duplicates, 0 lost. A last run oversubscribes: 4 workers of 20 each.
// Run: npm run bench -- postgres-queue   (RECORDS=200000 by default; LATENCY_MS=100, PER_WORKER=5)
// Needs PostgreSQL on 127.0.0.1:5432 (LEDGERLINE_PG_ADMIN_URL); makes and drops its own databases.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import type { ApprovedTimeEntry } from "@ledgerline/canonical";
import { createNetSuiteClient } from "@ledgerline/connector-netsuite";
import { createNetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { MemoryLedger } from "@ledgerline/core";
import { PostgresLedger, PostingQueue } from "@ledgerline/ledger-postgres";
import pg from "pg";

const RECORDS = Number(process.env.RECORDS ?? 200_000);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 100);
const PER_WORKER = Number(process.env.PER_WORKER ?? 5);
const LIMIT = 20;
const WORKERS = [1, 2, 4];
const ADMIN_URL = process.env.LEDGERLINE_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const workerFile = fileURLToPath(new URL("./worker.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

function entry(i: number): ApprovedTimeEntry {
  return {
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
    date: "2026-11-16",
    minutes: 15 * (1 + (i % 32)),
    billable: true,
    approval: { state: "approved", approvedAt: "2026-11-17T09:00:00Z" },
    dimensions: { costCenter: "CC-100" },
  };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const fake = createNetSuiteFake({
  concurrencyLimit: LIMIT,
  latency: { minMs: LATENCY_MS, maxMs: LATENCY_MS },
});
const server = await fake.listen({ host: "127.0.0.1", port: 0 });
let stored = 0;
let onStored: () => void = () => undefined;
fake.onRecordChange(() => {
  stored++;
  if (stored >= RECORDS) onStored();
});
let maxInFlight = 0;
const sampler = setInterval(() => {
  maxInFlight = Math.max(maxInFlight, fake.api.inFlight);
}, 1);
const allStored = () =>
  new Promise<void>((resolve) => {
    onStored = resolve;
    if (stored >= RECORDS) resolve();
  });

function measure() {
  const calls = fake.api.calls();
  const refused = calls - fake.api.handled();
  return {
    maxInFlight,
    requests: calls,
    refused429: refused,
    refusedPct: calls === 0 ? 0 : Math.round((refused / calls) * 10_000) / 100,
    duplicates: fake.duplicateExternalIds().length,
    stored: fake.records("timeBill").length,
  };
}

function resetFake() {
  fake.reset();
  stored = 0;
  maxInFlight = 0;
}

/** The floor: one in-process postTime at the account's concurrency, no queue, no Postgres. */
async function floor() {
  resetFake();
  const netsuite = createNetSuiteClient({
    accountId: "123456_SB1",
    baseUrl: server.url,
    auth: { type: "none" },
    ledger: new MemoryLedger(),
    masterData: { dimensions: { target: "netsuite", tables: { costCenter: { "CC-100": "3" } } } },
    limits: { maxConcurrency: LIMIT, adaptive: true },
  });
  const started = performance.now();
  const report = await netsuite.postTime(
    (function* () {
      for (let i = 0; i < RECORDS; i++) yield entry(i);
    })(),
    { mode: "single", concurrency: LIMIT, collectResults: false },
  );
  const ms = performance.now() - started;
  return {
    written: report.written,
    ms: Math.round(ms),
    recordsPerSecond: Math.round((RECORDS / ms) * 1000),
    ...measure(),
  };
}

function startWorker(
  url: string,
  perWorker: number,
): { proc: ChildProcess; ready: Promise<void>; stopped: Promise<void> } {
  const proc = spawn(
    process.execPath,
    [
      "--conditions=@ledgerline/source",
      "--import",
      "tsx",
      workerFile,
      url,
      server.url,
      String(LIMIT),
      String(perWorker),
    ],
    { cwd: repoRoot, stdio: ["pipe", "pipe", "inherit"] },
  );
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((r) => {
    readyResolve = r;
  });
  proc.stdout?.on("data", (d: Buffer) => {
    if (d.toString().includes("ready")) readyResolve();
  });
  const stopped = new Promise<void>((resolve, reject) =>
    proc.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`)))),
  );
  return { proc, ready, stopped };
}

async function scaleOut(workers: number, perWorker = PER_WORKER) {
  resetFake();
  const name = `ledgerline_bench_${randomBytes(5).toString("hex")}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    const queue = await PostingQueue.open<ApprovedTimeEntry>(url.toString(), { name: "netsuite-time" });
    const procs = Array.from({ length: workers }, () => startWorker(url.toString(), perWorker));
    await Promise.all(procs.map((p) => p.ready));
    const started = performance.now();
    const progress = setInterval(
      () =>
        void queue
          .counts()
          .then((c) => console.log(`  ${workers} worker(s): ${stored}/${RECORDS} stored`, c)),
      10_000,
    );
    const done = allStored().finally(() => clearInterval(progress));
    const enqueue = await queue.enqueue(
      (function* () {
        for (let i = 0; i < RECORDS; i++) yield entry(i);
      })(),
      (e) => e.key,
    );
    const enqueueMs = performance.now() - started;
    await done;
    const ms = performance.now() - started;
    const counts = await queue.counts();
    for (const p of procs) p.proc.stdin?.end("stop\n");
    await Promise.all(procs.map((p) => p.stopped));
    const ledger = await PostgresLedger.open(url.toString(), { name: "netsuite-time", migrate: false });
    const inLedger = await ledger.count();
    await ledger.close();
    const dead = (await queue.deadLetterReport({ limit: 0 })).total;
    await queue.close();
    const m = measure();
    return {
      workers,
      perWorker,
      enqueued: enqueue.enqueued,
      enqueueMs: Math.round(enqueueMs),
      ms: Math.round(ms),
      recordsPerSecond: Math.round((RECORDS / ms) * 1000),
      ...m,
      inLedger,
      lost: RECORDS - m.stored,
      deadLettered: dead,
      queuedAtEnd: counts.queued,
    };
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

const loadBefore = loadavg();
const floorRun = await floor();
console.log("floor", floorRun);
const runs = [];
for (const workers of WORKERS) {
  const run = await scaleOut(workers);
  console.log(run);
  runs.push(run);
}
// Oversubscribed: 4 workers that could each fill the account alone (4 × 20 wanted, 20 allowed) — the
// shared slots must keep the fake at ≤ 20 in flight with < 1 % 429s.
const oversubscribed = await scaleOut(4, LIMIT);
console.log(oversubscribed);
runs.push(oversubscribed);
clearInterval(sampler);
await fake.close();
const one = runs[0]?.recordsPerSecond ?? 1;
const results = {
  node: process.version,
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    loadAverageBefore: loadBefore.map((l) => Math.round(l * 100) / 100),
    loadAverageAfter: loadavg().map((l) => Math.round(l * 100) / 100),
  },
  records: RECORDS,
  latencyMs: LATENCY_MS,
  accountLimit: LIMIT,
  perWorkerConcurrency: PER_WORKER,
  ceilingRecordsPerSecond: Math.round((LIMIT * 1000) / LATENCY_MS),
  floor: floorRun,
  runs: runs.map((r) => ({
    ...r,
    ratioToFloor: Math.round((r.recordsPerSecond / floorRun.recordsPerSecond) * 100) / 100,
    speedupVsOneWorker: Math.round((r.recordsPerSecond / one) * 100) / 100,
  })),
};
console.table(
  results.runs.map(
    ({
      workers,
      perWorker,
      recordsPerSecond,
      ratioToFloor,
      speedupVsOneWorker,
      maxInFlight,
      refusedPct,
      duplicates,
      lost,
    }) => ({
      workers,
      perWorker,
      recordsPerSecond,
      ratioToFloor,
      speedupVsOneWorker,
      maxInFlight,
      refusedPct,
      duplicates,
      lost,
    }),
  ),
);
if (process.env.BENCH_RESULTS)
  writeFileSync(process.env.BENCH_RESULTS, `${JSON.stringify(results, null, 2)}\n`);
const bad = results.runs.filter(
  (r) => r.maxInFlight > LIMIT || r.refusedPct >= 1 || r.duplicates > 0 || r.lost > 0 || r.deadLettered > 0,
);
if (bad.length > 0) {
  console.error(
    "postgres-queue: a run broke the account limit, was refused ≥ 1 %, or duplicated / lost records",
    bad,
  );
  process.exit(1);
}
