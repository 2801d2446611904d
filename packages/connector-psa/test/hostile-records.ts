import { CanonicalValidationError } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import fc from "fast-check";
import { walkEnvelope } from "../src/envelope.js";
import type { KantataEnvelope } from "../src/kantata-types.js";
import { toClient } from "../src/mappers/client.js";
import { toBillableExpense, toExpenseLine } from "../src/mappers/expense.js";
import { toMilestone } from "../src/mappers/milestone.js";
import { toProject } from "../src/mappers/project.js";
import { toResource } from "../src/mappers/resource.js";
import { toTimeEntry } from "../src/mappers/time-entry.js";
import {
  clientGroup,
  expense,
  expenseReport,
  milestone,
  submission,
  timeEntry,
  user,
  workspace,
} from "./fixtures.js";

/**
 * Hostile Kantata records for the mapper fuzz (the `npm test` suite and `bench/fuzz/psa-mappers.ts`):
 * near-valid records with fields replaced, removed, nested wrongly or typed wrongly, and values of any
 * shape at all. Every string a generator makes up carries {@link LEAK_MARK}, so a message that echoes an
 * input value is caught.
 */
export const LEAK_MARK = "LEAKMARK";

/** What one mapper call did. */
export type FuzzOutcome = "mapped" | "typed-rejection" | "untyped-throw" | "leak";

const leakyString = fc.string({ maxLength: 12 }).map((s) => `${LEAK_MARK}${s}`);

/** A value of the wrong kind for any field. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(""),
  fc.constant("  "),
  leakyString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 60, 1441, -1, 90.5),
  fc.boolean(),
  fc.constantFrom("__proto__", "constructor", "toString", "0", "12", "2026-13-45", "XXQ", "JPY"),
  fc.array(fc.oneof(leakyString, fc.integer()), { maxLength: 3 }),
  fc.dictionary(
    fc.constantFrom("id", "key", "message", "status", LEAK_MARK),
    fc.oneof(leakyString, fc.integer()),
  ),
);

/** `base` with some of its fields replaced by hostile values or removed, and maybe extra ones added. */
function mutated(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(base);
  return fc
    .tuple(
      fc.uniqueArray(fc.constantFrom(...keys), { maxLength: Math.min(4, keys.length) }),
      fc.array(hostileValue, { minLength: 4, maxLength: 4 }),
      fc.boolean(),
    )
    .map(([fields, values, remove]) => {
      const out: Record<string, unknown> = { ...base };
      fields.forEach((field, i) => {
        if (remove && i === 0) delete out[field];
        else out[field] = values[i];
      });
      return out;
    });
}

/** A hostile record: mostly near-valid mutations of `base`, sometimes anything at all. */
export function hostile(base: object): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: mutated(base as Record<string, unknown>) },
    { weight: 1, arbitrary: fc.anything() },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** A side-loaded record: absent, valid, or hostile. */
function context(base: object): fc.Arbitrary<unknown> {
  return fc.oneof(fc.constant(undefined), fc.constant(base), hostile(base));
}

/** One fuzz target: a mapper and the arbitrary of its (hostile) input. */
export interface FuzzTarget {
  name: string;
  input: fc.Arbitrary<unknown[]>;
  run(args: unknown[]): unknown;
}

// biome-ignore lint/suspicious/noExplicitAny: the fuzz deliberately calls mappers with values of any type
type Any = any;

/** Every PSA mapper (and the envelope walker), with hostile inputs. */
export const FUZZ_TARGETS: FuzzTarget[] = [
  {
    name: "toTimeEntry",
    input: fc.tuple(
      hostile(timeEntry),
      context(user),
      context(workspace),
      context(milestone),
      context(submission),
    ),
    run: ([r, u, w, s, sub]) =>
      toTimeEntry(r as Any, { user: u, workspace: w, story: s, submission: sub } as Any),
  },
  {
    name: "toExpenseLine",
    input: fc.tuple(hostile(expense), context(user), context(workspace), context(expenseReport)),
    run: ([r, u, w, sub]) => toExpenseLine(r as Any, { user: u, workspace: w, submission: sub } as Any),
  },
  {
    name: "toBillableExpense",
    input: fc.tuple(hostile(expense), context(expenseReport)),
    run: ([r, sub]) => toBillableExpense(r as Any, { submission: sub } as Any),
  },
  {
    name: "toProject",
    input: fc.tuple(
      hostile(workspace),
      context(clientGroup),
      context(user),
      fc.constantFrom(undefined, "USD", "EUR"),
    ),
    run: ([r, g, m, currency]) => toProject(r as Any, { clientGroup: g, primaryMaven: m, currency } as Any),
  },
  {
    name: "toMilestone",
    input: fc.tuple(hostile(milestone), context(workspace), fc.constantFrom(undefined, "2027-03-14")),
    run: ([r, w, completedOn]) => toMilestone(r as Any, { workspace: w, completedOn } as Any),
  },
  {
    name: "toClient",
    input: fc.tuple(hostile(clientGroup)),
    run: ([r]) => toClient(r as Any),
  },
  {
    name: "toResource",
    input: fc.tuple(hostile(user)),
    run: ([r]) => toResource(r as Any),
  },
  {
    name: "walkEnvelope",
    input: fc.tuple(
      hostile({
        count: 1,
        results: [{ key: "time_entries", id: "55001" }],
        time_entries: { "55001": timeEntry },
      }),
    ),
    run: ([envelope]) => walkEnvelope(envelope as KantataEnvelope, "time_entries"),
  },
];

/** Runs one target on one input and classifies what happened. */
export function classify(target: FuzzTarget, args: unknown[]): FuzzOutcome {
  try {
    target.run(args);
    return "mapped";
  } catch (e) {
    if (e instanceof ValidationError || e instanceof CanonicalValidationError) {
      const text = JSON.stringify([e.message, e.issues]);
      return text.includes(LEAK_MARK) ? "leak" : "typed-rejection";
    }
    return "untyped-throw";
  }
}
