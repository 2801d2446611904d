// One queue worker process of the postgres-queue benchmark: PostingQueue → NetSuite connector (fake at
// <baseUrl>) → shared PostgresLedger, under the account's shared slots. Prints "ready" once connected,
// then runs until it reads "stop" on stdin.
import { createInterface } from "node:readline";
import type { ApprovedTimeEntry } from "@ledgerline/canonical";
import { createNetSuiteClient } from "@ledgerline/connector-netsuite";
import { ValidationError } from "@ledgerline/core";
import { PostgresLedger, PostgresSemaphore, PostingQueue, SharedLimiter } from "@ledgerline/ledger-postgres";

const [url, baseUrl, limitArg, concurrencyArg] = process.argv.slice(2);
if (!url || !baseUrl)
  throw new Error("usage: worker.ts <postgres url> <baseUrl> <account limit> <concurrency>");
const limit = Number(limitArg);
const concurrency = Number(concurrencyArg);
const ledger = await PostgresLedger.open(url, { name: "netsuite-time" });
const slots = await PostgresSemaphore.open(url, { resource: "netsuite:123456_SB1", limit });
const queue = await PostingQueue.open<ApprovedTimeEntry>(url, { name: "netsuite-time", poolSize: 4 });
const netsuite = createNetSuiteClient({
  accountId: "123456_SB1",
  baseUrl,
  auth: { type: "none" },
  ledger,
  masterData: { dimensions: { target: "netsuite", tables: { costCenter: { "CC-100": "3" } } } },
  limits: new SharedLimiter({ maxConcurrency: concurrency, adaptive: true, shared: [slots] }),
});
const worker = queue.work(
  async (entry) => {
    const result = await netsuite.postTimeEntry(entry);
    if (result.status === "rejected")
      throw new ValidationError(result.reason ?? "rejected", [...(result.issues ?? [])]);
    if (result.status === "failed") throw result.error;
    return result.internalId;
  },
  { concurrency, pollIntervalMs: 50 },
);
process.stdout.write("ready\n");
for await (const line of createInterface({ input: process.stdin })) if (line === "stop") break;
process.stdin.destroy(); // an open stdin pipe would keep this process alive
await worker.stop();
await queue.close();
await slots.close();
await ledger.close();
process.stdout.write("stopped\n");
