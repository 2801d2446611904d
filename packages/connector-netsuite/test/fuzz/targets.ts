// Fuzz targets over every record-level path of the NetSuite connector: the five mappers, the SuiteQL row
// reader, and `postOne` (what every bulk operation runs per record) for each record spec. Shared by the
// small-budget test in `npm test` and the 100k-input run in bench/fuzz/netsuite-mappers.ts.
import { fileURLToPath } from "node:url";
import { isLedgerlineError, ValidationError } from "@ledgerline/core";
import fc from "fast-check";
import { runBatchUpsert } from "../../src/batch.js";
import { createNetSuiteClient } from "../../src/client.js";
import type { MapContext } from "../../src/mappers/context.js";
import { toCustomer } from "../../src/mappers/customer.js";
import { toExpenseReport } from "../../src/mappers/expense-report.js";
import { toInvoice } from "../../src/mappers/invoice.js";
import { toJob } from "../../src/mappers/job.js";
import { fromTimeBillRow } from "../../src/mappers/posted-time.js";
import { toTimeBill } from "../../src/mappers/time-bill.js";
import { customerSpec } from "../../src/operations/clients.js";
import { expenseReportSpec } from "../../src/operations/expenses.js";
import { invoiceSpec } from "../../src/operations/invoices.js";
import { type PostingDeps, postOne, type RecordSpec } from "../../src/operations/post-records.js";
import { jobSpec } from "../../src/operations/projects.js";
import { timeBillSpec } from "../../src/operations/time.js";
import { propertyNamesFromSpec } from "../../src/testing/property-names.js";
import { client, ctx, expense, invoiceEvent, project, timeEntry } from "../fixtures.js";

/** A value planted in hostile inputs; no error message or issue may ever contain it. */
export const MARKER = "LEAK-7f3a9";

/** How one input ended. `untyped`: anything thrown that is not a ValidationError naming fields. */
export type Outcome =
  | { kind: "ok" }
  | { kind: "typed" }
  | { kind: "untyped"; error: string }
  | { kind: "leak"; error: string }
  | { kind: "unknown-property"; paths: string[] };

const names = propertyNamesFromSpec(
  fileURLToPath(new URL("../../../../openapi/netsuite.yaml", import.meta.url)),
);

const master: MapContext = { ...ctx, currencies: { GBP: "2", USD: "1" }, timeItem: "20" };

const deps = {
  http: undefined,
  suiteql: undefined,
  ledger: undefined,
  masterData: master,
  concurrency: 1,
  batchThreshold: 100,
  batch: {},
} as unknown as PostingDeps;
const write = async () => "1001";

/** One fuzz target: a record-level path, the NetSuite record type it writes, and a base record to mutate. */
export interface FuzzTarget {
  name: string;
  /**
   * `record`: a canonical record or row goes in — any throw must be a ValidationError naming fields.
   * `response`: a NetSuite response body goes in — any throw (or per-record error) must be one of core's
   * typed errors (`ValidationError`, `HttpError`, `BatchJobError` …).
   */
  input?: "record" | "response";
  /** Record type of the body returned (checked against openapi/netsuite.yaml), if it returns one. */
  type?: string;
  base: unknown;
  run(input: unknown): unknown | Promise<unknown>;
}

const viaPostOne =
  <T>(spec: RecordSpec<T>) =>
  (input: unknown) =>
    postOne(deps, spec, input as T, write);

const timeRow = {
  id: "5021",
  externalid: "kantata-time_entries-1",
  employee: "301",
  customer: "601",
  casetaskevent: "701",
  trandate: "2026-11-16",
  hours: "4.5",
  isbillable: "T",
  memo: "Pipeline work",
  approvalstatus: "3",
  department: "3",
  lastmodifieddate: "2026-11-17T09:00:00Z",
};

/** The NetSuite body the next request of a response target gets. */
let current: unknown;
const BASE_URL = "https://123456-sb1.suitetalk.api.netsuite.com/services/rest";
const respond = async (request: Request): Promise<Response> => {
  const path = new URL(request.url).pathname;
  if (request.method === "PUT") {
    return new Response(null, { status: 202, headers: { Location: `${BASE_URL}/async/v1/job/42` } });
  }
  if (path.endsWith("/async/v1/job/42"))
    return Response.json({ id: "42", completed: true, progress: "succeeded" });
  if (path.endsWith("/task"))
    return Response.json({
      items: [{ links: [{ rel: "self", href: `${BASE_URL}/async/v1/job/42/task/1` }] }],
    });
  return new Response(JSON.stringify(current), {
    status: 200,
    headers: { "Content-Type": "application/json" },
  });
};
const responseClient = createNetSuiteClient({
  accountId: "123456_SB1",
  baseUrl: BASE_URL,
  fetch: respond,
  auth: { type: "none" },
  masterData: master,
  retry: false,
});

const taskResult = {
  links: [{ rel: "self", href: `${BASE_URL}/record/v1/timebill/5021` }],
  id: "5021",
  externalId: "k-1",
};
const suiteqlPage = {
  links: [],
  count: 2,
  hasMore: false,
  offset: 0,
  totalResults: 2,
  items: [
    {
      links: [],
      id: "5021",
      externalid: "kantata-time_entries-1",
      hours: "4.5",
      trandate: "2026-11-16",
      isbillable: "T",
    },
    { links: [], id: "5022", hours: ".5", trandate: "2026-11-17", approvalstatus: "3" },
  ],
};

/** Every record-level path of the connector. */
export const TARGETS: FuzzTarget[] = [
  { name: "toTimeBill", type: "timeBill", base: timeEntry("1"), run: (i) => toTimeBill(i as never, master) },
  {
    name: "toExpenseReport",
    type: "expenseReport",
    base: expense("1", { task: { key: "t", ids: { netsuite: "701" } }, quantity: "2" }),
    run: (i) => toExpenseReport([i] as never, master),
  },
  {
    name: "toExpenseReport (several)",
    type: "expenseReport",
    base: [expense("1", { report: { key: "r-1" } }), expense("2", { report: { key: "r-1" } })],
    run: (i) => toExpenseReport(i as never, master),
  },
  { name: "toInvoice", type: "invoice", base: invoiceEvent, run: (i) => toInvoice(i as never, master) },
  { name: "toJob", type: "job", base: project, run: (i) => toJob(i as never, master) },
  { name: "toCustomer", type: "customer", base: client, run: (i) => toCustomer(i as never, master) },
  { name: "fromTimeBillRow", base: timeRow, run: (i) => fromTimeBillRow(i as never, master) },
  { name: "postOne(timeBill)", base: timeEntry("1"), run: viaPostOne(timeBillSpec()) },
  { name: "postOne(expenseReport)", base: expense("1"), run: viaPostOne(expenseReportSpec()) },
  { name: "postOne(invoice)", base: invoiceEvent, run: viaPostOne(invoiceSpec) },
  { name: "postOne(job)", base: project, run: viaPostOne(jobSpec) },
  { name: "postOne(customer)", base: client, run: viaPostOne(customerSpec) },
  {
    name: "runBatchUpsert (task result)",
    input: "response",
    base: taskResult,
    run: async (body) => {
      current = body;
      const outcomes = await runBatchUpsert(responseClient.http, "timeBill", [{ externalId: "k-1" }], {
        pollIntervalMs: 0,
        resolveIds: "task-results",
      });
      for (const outcome of outcomes)
        if (!outcome.ok && !isLedgerlineError(outcome.error)) throw outcome.error;
      return outcomes;
    },
  },
  {
    name: "listPostedTime (SuiteQL page)",
    input: "response",
    base: suiteqlPage,
    run: async (body) => {
      current = body;
      const rejected: unknown[] = [];
      const entries: unknown[] = [];
      for await (const entry of responseClient.listPostedTime({
        from: "2026-11-01",
        to: "2026-11-30",
        onRejected: (r) => rejected.push(r),
      })) {
        entries.push(entry);
      }
      return { entries, rejected };
    },
  },
];

/** Every path (as segments) to a value inside `value`, the root included. */
function pathsOf(
  value: unknown,
  prefix: Array<string | number> = [],
  out: Array<Array<string | number>> = [],
) {
  out.push(prefix);
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value))
      pathsOf(v, [...prefix, Array.isArray(value) ? Number(k) : k], out);
  }
  return out;
}

/** Junk of every JSON and JavaScript shape, the marker among the strings. */
const anyJunk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(MARKER),
  fc.constant(`${MARKER}.50`),
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.constant(-0),
  fc.constant([]),
  fc.constant({}),
  fc.constant(Object.create(null)),
  fc.constant(Symbol("s")),
  fc.constant(() => MARKER),
  fc.constant(10n),
  fc.constant(new Date(Number.NaN)),
  fc.constant(
    new Proxy(
      {},
      {
        get() {
          throw new Error(MARKER);
        },
      },
    ),
  ),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 12 }),
  fc.anything({ maxDepth: 2, maxKeys: 4, withNullPrototype: true, withBigInt: true, withDate: true }),
);

/** Junk a JSON body can carry. */
const jsonJunk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(MARKER),
  fc.constant([]),
  fc.constant({}),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 12 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Hostile inputs: junk of any shape, or the base record with fields replaced, deleted or added. */
export function hostile(base: unknown, json = false): fc.Arbitrary<unknown> {
  const junk = json ? jsonJunk : anyJunk;
  const paths = pathsOf(base).filter((p) => p.at(-1) !== "key");
  const mutation = fc.record({ path: fc.constantFrom(...paths), value: junk, remove: fc.boolean() });
  const mutated = fc.array(mutation, { minLength: 1, maxLength: 4 }).map((mutations) => {
    let root: unknown = structuredClone(base);
    for (const { path, value, remove } of mutations) {
      if (path.length === 0) {
        root = value;
        continue;
      }
      try {
        let node = root as Record<string | number, unknown> | null;
        for (const segment of path.slice(0, -1)) {
          const next = node && typeof node === "object" ? node[segment] : undefined;
          node = next && typeof next === "object" ? (next as Record<string | number, unknown>) : null;
        }
        if (!node || typeof node !== "object") continue;
        const last = path.at(-1) as string | number;
        if (remove) delete node[last];
        else node[last] = value;
      } catch {
        // An earlier mutation planted a throwing proxy on this path: leave it as it is.
      }
    }
    return root;
  });
  return fc.oneof({ weight: 1, arbitrary: junk }, { weight: 4, arbitrary: mutated });
}

/** Runs one input and classifies how it ended. */
export async function classify(target: FuzzTarget, input: unknown): Promise<Outcome> {
  let output: unknown;
  try {
    output = await target.run(input);
  } catch (error) {
    if (target.input === "response" && isLedgerlineError(error) && !(error instanceof ValidationError)) {
      const text = safeText(error);
      return text.includes(MARKER) ? { kind: "leak", error: text.slice(0, 300) } : { kind: "typed" };
    }
    if (!(error instanceof ValidationError) || error.issues.length === 0) {
      return { kind: "untyped", error: describe(error) };
    }
    const text = `${error.message} ${safeJson(error.issues)}`;
    if (text.includes(MARKER)) return { kind: "leak", error: text.slice(0, 300) };
    if (!error.issues.every((i) => typeof i.path === "string" && typeof i.message === "string")) {
      return { kind: "untyped", error: "ValidationError without field and reason" };
    }
    return { kind: "typed" };
  }
  if (target.type && output && typeof output === "object") {
    const unknown = names.check(target.type, output).unknown;
    if (unknown.length > 0) return { kind: "unknown-property", paths: unknown.map((u) => u.path) };
  }
  return { kind: "ok" };
}

function describe(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : typeof error;
  } catch {
    return "unprintable error";
  }
}

function safeText(error: Error): string {
  try {
    return `${error.message} ${safeJson((error as { issues?: unknown }).issues ?? "")}`;
  } catch {
    return "";
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return "";
  }
}
