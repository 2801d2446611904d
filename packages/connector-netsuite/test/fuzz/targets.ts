// Fuzz targets over every record-level path of the NetSuite connector: the five mappers, the SuiteQL row
// reader, and `postOne` (what every bulk operation runs per record) for each record spec. Shared by the
// small-budget test in `npm test` and the 100k-input run in bench/fuzz/netsuite-mappers.ts.
import { fileURLToPath } from "node:url";
import { ValidationError } from "@ledgerline/core";
import fc from "fast-check";
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
const junk: fc.Arbitrary<unknown> = fc.oneof(
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

/** Hostile inputs: junk of any shape, or the base record with fields replaced, deleted or added. */
export function hostile(base: unknown): fc.Arbitrary<unknown> {
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

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return "";
  }
}
