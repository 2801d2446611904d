// Crash-resume at scale (the suite's test/crash-resume.test.ts does a few kill points per mode): a child
// posts approved time entries through connector-netsuite and a FileLedger to a NetSuite fake served by this
// process (10 % transient faults, timeouts after commit among them); it is SIGKILLed at KILLS random
// moments — after a random number of acknowledged records, or a random delay — and resumed each time, then
// run to the end. Checks 0 duplicates and 0 lost per mode and records the figures.
// Run: npm run bench -- crash-resume   (KILLS=20 RECORDS=500 by default)
import { mkdtemp, rm, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createNetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { FileLedger } from "@ledgerline/core";
import { type Kill, runChild } from "../../examples/quote-to-cash/test/fixtures/crash-harness.js";

const KILLS = Number(process.env.KILLS ?? 20);
const RECORDS = Number(process.env.RECORDS ?? 500);

interface ModeResult {
  mode: "single" | "batch";
  kills: number;
  killedMidway: number;
  records: number;
  inNetSuite: number;
  inLedger: number;
  duplicates: number;
  lost: number;
  ledgerPointsElsewhere: number;
  durationMs: number;
  /** One uninterrupted run of the same records against the same kind of fake, same run of the bench. */
  floorMs: number;
  ratioToFloor: number;
}

/** The same posting done once, without kills, on a fresh fake and ledger with the same fault settings. */
async function floorRun(mode: "single" | "batch"): Promise<number> {
  const dir = await promisify(mkdtemp)(join(tmpdir(), "bench-crash-resume-floor-"));
  const fake = createNetSuiteFake({
    faultRate: 0.1,
    timeoutAfterCommitMs: 30,
    concurrencyLimit: 10,
    seed: 5,
  });
  const server = await fake.listen({ host: "127.0.0.1", port: 0 });
  try {
    const started = performance.now();
    const run = await runChild({
      baseUrl: server.url,
      ledgerPath: join(dir, "ledger.jsonl"),
      count: RECORDS,
      mode,
      kill: undefined,
    });
    if (run.killed) throw new Error("the floor run was killed");
    return Math.round(performance.now() - started);
  } finally {
    await fake.close();
    await promisify(rm)(dir, { recursive: true, force: true });
  }
}

async function runMode(mode: "single" | "batch"): Promise<ModeResult> {
  const floorMs = await floorRun(mode);
  const started = performance.now();
  const dir = await promisify(mkdtemp)(join(tmpdir(), "bench-crash-resume-"));
  const fake = createNetSuiteFake({
    faultRate: 0.1,
    timeoutAfterCommitMs: 30,
    concurrencyLimit: 10,
    seed: 5,
  });
  const server = await fake.listen({ host: "127.0.0.1", port: 0 });
  const target = { baseUrl: server.url, ledgerPath: join(dir, "ledger.jsonl"), count: RECORDS, mode };
  let killedMidway = 0;
  let duplicates = 0;
  try {
    for (let i = 0; i < KILLS; i++) {
      const kill: Kill =
        i % 2 === 0
          ? { afterAcks: 1 + Math.floor(Math.random() * (RECORDS - 1)) }
          : { afterMs: Math.floor(Math.random() * 1500) };
      const run = await runChild({ ...target, kill });
      if (run.killed && run.acked.length < RECORDS) killedMidway++;
      duplicates = Math.max(duplicates, fake.duplicateExternalIds().length);
      process.stdout.write(
        `${mode} kill ${i + 1}/${KILLS} ${JSON.stringify(kill)}: ${run.acked.length} acked\n`,
      );
    }
    const last = await runChild({ ...target, kill: undefined });
    if (last.killed) throw new Error("the last run was killed");
    const bills = fake.records("timeBill");
    duplicates = Math.max(duplicates, fake.duplicateExternalIds().length);
    const billByKey = new Map(bills.map((b) => [b.externalId, b.id]));
    const ledger = await FileLedger.open(target.ledgerPath, { lockStaleMs: 2000 });
    let lost = 0;
    let elsewhere = 0;
    for (let i = 0; i < RECORDS; i++) {
      const key = `kantata-time_entries-${i}`;
      const recorded = await ledger.get(key);
      if (!recorded || !billByKey.has(key)) lost++;
      else if (billByKey.get(key) !== recorded.targetId) elsewhere++;
    }
    const inLedger = ledger.size;
    await ledger.close();
    return {
      mode,
      kills: KILLS,
      killedMidway,
      records: RECORDS,
      inNetSuite: bills.length,
      inLedger,
      duplicates,
      lost,
      ledgerPointsElsewhere: elsewhere,
      durationMs: Math.round(performance.now() - started),
      floorMs,
      ratioToFloor: Number(((performance.now() - started) / floorMs).toFixed(3)),
    };
  } finally {
    await fake.close();
    await promisify(rm)(dir, { recursive: true, force: true });
  }
}

const loadBefore = loadavg();
const results = [await runMode("single"), await runMode("batch")];
console.table(results);
if (process.env.BENCH_RESULTS) {
  writeFileSync(
    process.env.BENCH_RESULTS,
    `${JSON.stringify(
      {
        node: process.version,
        date: new Date().toISOString(),
        loadAverage: { before: loadBefore, after: loadavg() },
        floor: "one uninterrupted run of the same records (no kills), same fault settings, same run",
        results,
      },
      null,
      2,
    )}\n`,
  );
}
const bad = results.filter(
  (r) => r.duplicates > 0 || r.lost > 0 || r.ledgerPointsElsewhere > 0 || r.inNetSuite !== r.records,
);
if (bad.length > 0) {
  console.error("crash-resume: duplicates or lost records", bad);
  process.exit(1);
}
