// Scale-out run of the demo: `npm run demo -- --ledger postgres://… [--workers 4] [--records 2000]`.
// The time-posting step at period-end volume on Postgres instead of one process on a file ledger: this
// process serves the NetSuite fake (account limit 20, fixed latency) and enqueues approved time entries
// (plus one that is not approved: a poison record) on a PostingQueue; N worker processes — this same file,
// started with `worker` — consume them, post through the NetSuite connector under the account's shared
// slots, and record them in the shared PostgresLedger. Prints throughput, what NetSuite holds (no
// duplicates) and the dead-letter report. The embedded default (`npm run demo`) does not come here.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { ApprovedTimeEntry } from "@ledgerline/canonical";
import { createNetSuiteClient } from "@ledgerline/connector-netsuite";
import { createNetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { ValidationError } from "@ledgerline/core";
import { PostgresLedger, PostgresSemaphore, PostingQueue, SharedLimiter } from "@ledgerline/ledger-postgres";

const ACCOUNT_LIMIT = 20;
const QUEUE = "demo-netsuite-time";
const RESOURCE = "netsuite:123456_SB1";

/** The i-th approved time entry of the run (deterministic). */
function timeEntry(i: number): ApprovedTimeEntry {
  return {
    key: `kantata-time_entries-${i}`,
    source: {
      system: "kantata",
      type: "time_entries",
      id: String(i),
      version: "1",
      updatedAt: "2026-11-20T10:00:00Z",
    },
    resource: { key: `workday-worker-${i % 40}`, ids: { netsuite: String(300 + (i % 40)) } },
    project: { key: `kantata-workspaces-${i % 12}`, ids: { netsuite: String(600 + (i % 12)) } },
    date: "2026-11-30",
    minutes: 15 * (1 + (i % 32)),
    billable: i % 5 !== 0,
    approval: { state: "approved", approvedAt: "2026-11-30T18:00:00Z" },
    dimensions: { costCenter: "CC-100" },
  };
}

/** Runs the scale-out demo; resolves to the exit code (0 clean, 1 duplicates or lost, 2 bad flags). */
export async function runScaleOutCli(argv: readonly string[]): Promise<number> {
  let values: { ledger?: string; workers?: string; records?: string };
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      options: { ledger: { type: "string" }, workers: { type: "string" }, records: { type: "string" } },
    }).values;
  } catch (error) {
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n(--ledger accepts only --workers and --records)\n`,
    );
    return 2;
  }
  const url = values.ledger ?? "";
  const workers = Number(values.workers ?? 4);
  const records = Number(values.records ?? 2000);
  if (!/^postgres(ql)?:\/\//.test(url)) {
    process.stderr.write("--ledger: expected a postgres:// connection string\n");
    return 2;
  }
  if (!Number.isInteger(workers) || workers < 1 || workers > 32) {
    process.stderr.write("--workers: expected an integer from 1 to 32\n");
    return 2;
  }
  if (!Number.isInteger(records) || records < 1) {
    process.stderr.write("--records: expected a positive integer\n");
    return 2;
  }

  // The NetSuite fake lives in this process and starts empty: an earlier run's ledger would say "unchanged"
  // for records the new fake never saw. Ask for a fresh database instead of guessing.
  const earlier = await PostgresLedger.open(url, { name: QUEUE });
  const held = earlier.size;
  await earlier.close();
  if (held > 0) {
    process.stderr.write(
      `--ledger: this database holds an earlier scale-out run (${held} ledger keys) and the NetSuite fake starts empty: use a fresh database (createdb …)\n`,
    );
    return 2;
  }
  const fake = createNetSuiteFake({ concurrencyLimit: ACCOUNT_LIMIT, latency: { minMs: 20, maxMs: 20 } });
  const server = await fake.listen({ host: "127.0.0.1", port: 0 });
  const queue = await PostingQueue.open<ApprovedTimeEntry>(url, { name: QUEUE, retryDelaySeconds: 1 });
  const self = fileURLToPath(import.meta.url);
  try {
    process.stderr.write(`Starting ${workers} worker process(es) on ${new URL(url).host}…\n`);
    const procs = Array.from({ length: workers }, () =>
      spawn(process.execPath, [...process.execArgv, self, "worker", url, server.url], {
        stdio: ["pipe", "pipe", "inherit"],
      }),
    );
    await Promise.all(
      procs.map((p) => new Promise<void>((resolve) => p.stdout?.once("data", () => resolve()))),
    );
    const started = performance.now();
    const poison = {
      ...timeEntry(records),
      approval: { state: "submitted" },
    } as unknown as ApprovedTimeEntry;
    const entries = [...Array.from({ length: records }, (_, i) => timeEntry(i)), poison];
    const { enqueued, alreadyQueued } = await queue.enqueue(entries, (e) => e.key);
    for (;;) {
      const c = await queue.counts();
      if (c.queued === 0 && c.active === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (performance.now() - started) / 1000;
    for (const p of procs) p.stdin?.end("stop\n");
    await Promise.all(procs.map((p) => new Promise((resolve) => p.once("exit", resolve))));

    const ledger = await PostgresLedger.open(url, { name: QUEUE, migrate: false });
    const inLedger = await ledger.count();
    await ledger.close();
    const bills = fake.records("timeBill").length;
    const duplicates = fake.duplicateExternalIds().length;
    const report = await queue.deadLetterReport({ limit: 5 });
    const lines = [
      `Scale-out: ${workers} worker(s), ${enqueued} enqueued (${alreadyQueued} already waiting), ${seconds.toFixed(1)} s, ${Math.round(enqueued / seconds)} records/s`,
      `NetSuite holds ${bills} time bills (${duplicates} duplicated external ids); the shared ledger holds ${inLedger} keys`,
      `Dead letters: ${report.total}${report.byReason.map((r) => ` — ${r.count} × ${r.reason}`).join("")}`,
      ...report.letters.map(
        (l) =>
          `  ${l.key}: ${l.error.message}${l.error.issues?.length ? ` (${l.error.issues.map((i) => `${i.path}: ${i.code ?? i.message}`).join(", ")})` : ""}`,
      ),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    return duplicates === 0 && bills === records && inLedger === records && report.total === 1 ? 0 : 1;
  } finally {
    await queue.close();
    await fake.close();
  }
}

/** A worker process: PostingQueue → NetSuite connector (shared slots) → shared ledger, until "stop" on stdin. */
async function runWorker(url: string, baseUrl: string): Promise<void> {
  const ledger = await PostgresLedger.open(url, { name: QUEUE });
  const slots = await PostgresSemaphore.open(url, { resource: RESOURCE, limit: ACCOUNT_LIMIT });
  const queue = await PostingQueue.open<ApprovedTimeEntry>(url, { name: QUEUE, retryDelaySeconds: 1 });
  const netsuite = createNetSuiteClient({
    accountId: "123456_SB1",
    baseUrl,
    auth: { type: "none" },
    ledger,
    masterData: { dimensions: { target: "netsuite", tables: { costCenter: { "CC-100": "3" } } } },
    limits: new SharedLimiter({ maxConcurrency: ACCOUNT_LIMIT, adaptive: true, shared: [slots] }),
  });
  const worker = queue.work(
    async (entry) => {
      const result = await netsuite.postTimeEntry(entry);
      if (result.status === "rejected")
        throw new ValidationError(result.reason ?? "rejected", [...(result.issues ?? [])]);
      if (result.status === "failed") throw result.error;
      return result.internalId;
    },
    { concurrency: 10 },
  );
  process.stdout.write("ready\n");
  for await (const line of createInterface({ input: process.stdin })) if (line === "stop") break;
  process.stdin.destroy(); // an open stdin pipe would keep this process alive
  await worker.stop();
  await Promise.all([queue.close(), slots.close(), ledger.close()]);
}

if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href &&
  process.argv[2] === "worker"
) {
  const [url, baseUrl] = process.argv.slice(3);
  if (!url || !baseUrl) throw new Error("usage: scale-out.ts worker <postgres url> <baseUrl>");
  await runWorker(url, baseUrl);
}
