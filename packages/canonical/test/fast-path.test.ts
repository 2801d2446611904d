import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CANONICAL_SCHEMAS,
  CANONICAL_TYPE_NAMES,
  type CanonicalTypeName,
  CanonicalValidationError,
  safeParseCanonical,
} from "../src/index.js";
import { project, ref, source, timeEntry } from "./fixtures.js";

// safeParseCanonical runs the package's record schemas through a `z.compile` fast path. It must be
// indistinguishable from zod's runtime parser: same verdict, same data, same issues, for any input.

const usd = (amount: string) => ({ amount, currency: "USD" });
const seeds: [CanonicalTypeName, Record<string, unknown>][] = [
  ["TimeEntry", timeEntry() as unknown as Record<string, unknown>],
  ["TimeEntry", timeEntry({ laborCategory: { code: "other", raw: "PTO-ish" }, role: "dev" })],
  ["ApprovedTimeEntry", timeEntry() as unknown as Record<string, unknown>],
  ["Project", project() as unknown as Record<string, unknown>],
  [
    "ExpenseLine",
    {
      key: "kantata-expenses-1",
      source: source("kantata", "expenses", "1"),
      resource: ref("kantata", "users", "7"),
      project: ref("kantata", "workspaces", "12"),
      date: "2026-03-02",
      category: "TRAVEL",
      amount: { amount: "12.345", currency: "BHD" },
      tax: { amount: "1.000", currency: "BHD" },
      billable: true,
      reimbursable: false,
      approval: { state: "approved", approvedAt: "2026-03-03T08:00:00+01:00" },
    },
  ],
  [
    "InvoiceEvent",
    {
      key: "kantata-invoices-9",
      source: source("kantata", "invoices", "9"),
      kind: "milestone",
      status: "ready",
      client: ref("salesforce", "Account", "001A"),
      project: ref("kantata", "workspaces", "12"),
      milestone: { key: "kantata-milestones-3", ids: { netsuite: "77" } },
      date: "2024-02-29",
      amount: usd("100.00"),
      lines: [
        { description: "a", amount: usd("60.00"), sourceKeys: ["k-1"] },
        { description: "b", amount: usd("40"), quantity: "2.5" },
      ],
    },
  ],
  [
    "RevenueSchedule",
    {
      key: "k",
      source: source("s", "t", "1"),
      project: { key: "p" },
      treatment: { code: "straight_line" },
      total: usd("100.00"),
      lines: [
        { period: "2026-01", amount: usd("50.00"), status: "planned" },
        { period: "2026-02", amount: usd("50.00"), status: "planned" },
      ],
    },
  ],
  [
    "Milestone",
    {
      key: "kantata-milestones-3",
      source: source("kantata", "milestones", "3"),
      project: ref("kantata", "workspaces", "12"),
      name: "Go-live",
      state: "completed",
      completedOn: "2026-03-01",
      amount: { amount: "1500", currency: "JPY" },
      billable: true,
      percentComplete: 100,
    },
  ],
];

const interesting = fc.oneof(
  fc.constantFrom<unknown>(
    undefined,
    null,
    "",
    "x",
    "x".repeat(64),
    "x".repeat(65),
    "x".repeat(128),
    "x".repeat(129),
    "x".repeat(255),
    "x".repeat(256),
    "😀".repeat(64),
    "😀".repeat(65),
    "a".repeat(120),
    "a".repeat(121),
    "Has Spaces",
    "kantata-x_1",
    "12.5",
    "12.345",
    "12.3456",
    "-0.001",
    "1e3",
    "+1",
    " 1",
    "1.",
    "USD",
    "usd",
    "JPY",
    "BHD",
    "CLF",
    "XXX",
    "2026-02-29",
    "2024-02-29",
    "2026-13-01",
    "2026-03-02T10:00:00Z",
    "2026-03-02T10:00:00",
    "2026-03-02T10:00:00.123+01:00",
    "2026-03-02t10:00:00z",
    "approved",
    "submitted",
    "other",
    "milestone",
    "completed",
    0,
    -1,
    1440,
    1441,
    12.5,
    100,
    101,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    false,
    [],
    {},
    { code: "other" },
    { code: "other", raw: "x" },
    { key: "k" },
    { amount: "1.00", currency: "USD" },
    { amount: "1.001", currency: "USD" },
    { amount: "1.001", currency: "BHD" },
    { amount: "1.5", currency: "JPY" },
  ),
  fc.anything(),
);

type Path = (string | number)[];
function paths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [prefix];
  const out: Path[] = prefix.length > 0 ? [prefix] : [];
  for (const [k, v] of Object.entries(value)) {
    out.push(...paths(v, [...prefix, Array.isArray(value) ? Number(k) : k]));
  }
  return out;
}
function mutate(root: unknown, path: Path, value: unknown, remove: boolean): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const seg of path.slice(0, -1)) {
    const next = node[seg];
    if (next === null || typeof next !== "object") return copy; // an earlier edit replaced the parent
    node = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1] as string | number;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

function expectSameAsRuntime(name: CanonicalTypeName, input: unknown): boolean {
  const schema = CANONICAL_SCHEMAS[name];
  let runtime: ReturnType<typeof schema.safeParse>;
  try {
    runtime = schema.safeParse(input);
  } catch {
    return true; // unreadable input: safeParseCanonical reports it either way
  }
  const fast = safeParseCanonical(schema, input, name);
  expect(fast.success).toBe(runtime.success);
  if (fast.success && runtime.success) expect(fast.data).toStrictEqual(runtime.data);
  if (!fast.success && !runtime.success) {
    expect(fast.error.issues).toEqual(CanonicalValidationError.fromZod(name, runtime.error.issues).issues);
  }
  return runtime.success;
}

describe("compiled fast path", () => {
  it("the seeds are valid", () => {
    for (const [name, seed] of seeds) expect(expectSameAsRuntime(name, seed)).toBe(true);
  });

  it("agrees with zod's runtime parser on mutated records (verdict, data, issues)", () => {
    const mutation = fc.constantFrom(...seeds).chain(([name, seed]) =>
      fc
        .array(fc.tuple(fc.constantFrom(...paths(seed)), interesting, fc.boolean(), fc.boolean()), {
          minLength: 1,
          maxLength: 3,
        })
        .map((edits) => {
          let input: unknown = seed;
          for (const [path, value, remove, extra] of edits) {
            input = mutate(input, path, value, remove);
            if (extra) input = mutate(input, [...path.slice(0, -1), "unknownField"], value, false);
          }
          return [name, input] as const;
        }),
    );
    let accepted = 0;
    fc.assert(
      fc.property(mutation, ([name, input]) => {
        if (expectSameAsRuntime(name, input)) accepted++;
      }),
      { numRuns: 6000 },
    );
    expect(accepted).toBeGreaterThan(100); // the comparison covers successes, not only rejections
  });

  it("agrees on arbitrary input for every canonical type", () => {
    fc.assert(
      fc.property(fc.constantFrom(...CANONICAL_TYPE_NAMES), fc.anything(), (name, input) => {
        expectSameAsRuntime(name, input);
      }),
      { numRuns: 2000 },
    );
  });
});
