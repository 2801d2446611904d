import { z } from "zod";
import type { Client } from "./client.js";
import type { Engagement } from "./engagement.js";
import type { BillableExpense, ExpenseLine } from "./expense.js";
import type { InvoiceEvent } from "./invoice-event.js";
import type { JournalEntry } from "./journal-entry.js";
import type {
  CostCenter,
  Currency,
  LegalEntity,
  Practice,
  RateCard,
  Region,
  TaxCode,
} from "./master-data.js";
import type { Milestone } from "./milestone.js";
import type { Project } from "./project.js";
import type { ProjectTask } from "./project-task.js";
import type { Resource } from "./resource.js";
import type { ResourceAssignment } from "./resource-assignment.js";
import type { RevenueSchedule } from "./revenue-schedule.js";
import { CANONICAL_SCHEMAS, type CanonicalTypeName } from "./schemas.js";
import type { ApprovedTimeEntry, TimeEntry } from "./time-entry.js";
import { CanonicalValidationError } from "./validation-error.js";

/** Result of {@link safeParseCanonical}. */
export type CanonicalParseResult<T> =
  | { success: true; data: T }
  | { success: false; error: CanonicalValidationError };

function typeNameOf(schema: z.ZodType, fallback?: string): string {
  if (fallback) return fallback;
  const title = schema.meta()?.title;
  return typeof title === "string" ? title : "record";
}

// zod's global configuration; `jitless: true` (e.g. under a CSP without eval) turns the fast paths off.
const zodConfig = z.config();
const fastPaths = new WeakMap<z.ZodType, z.ZodType>();
let canonicalSchemas: ReadonlySet<z.ZodType> | undefined;

/**
 * The schema to run: for the package's own record schemas, a `z.compile` clone. It validates with one
 * generated function and builds the output in one go; any input it does not accept (or any schema it
 * cannot model) goes to zod's ordinary parser, so rejections, issues and messages are exactly the
 * runtime's, and a fast-path success is a success of the runtime too (checked by a differential
 * property test). Compiled once per schema, on first use. Other schemas are run as given: a compiled
 * fast path runs refinements a second time on invalid input, which is harmless only for our pure checks.
 */
function runnable(schema: z.ZodType): z.ZodType {
  if (zodConfig.jitless) return schema;
  let fast = fastPaths.get(schema);
  if (fast === undefined) {
    canonicalSchemas ??= new Set(Object.values(CANONICAL_SCHEMAS) as z.ZodType[]);
    fast = canonicalSchemas.has(schema) ? z.compile(schema) : schema;
    fastPaths.set(schema, fast);
  }
  return fast;
}

/**
 * Validates `input` against `schema` without throwing: `{ success: true, data }` or
 * `{ success: false, error }` with every offending field. Unknown fields are dropped from `data`.
 */
export function safeParseCanonical<S extends z.ZodType>(
  schema: S,
  input: unknown,
  typeName?: string,
): CanonicalParseResult<z.output<S>> {
  let result: z.ZodSafeParseResult<z.output<S>>;
  try {
    result = runnable(schema).safeParse(input) as z.ZodSafeParseResult<z.output<S>>;
  } catch {
    // Exotic input (throwing getters, proxies): still a validation failure, never another kind of throw.
    const error = new CanonicalValidationError(typeNameOf(schema, typeName), [
      { path: "(root)", segments: [], reason: "input could not be read", code: "unreadable_input" },
    ]);
    return { success: false, error };
  }
  // zod's success result is already a fresh `{ success: true, data }`: hand it over instead of copying it.
  if (result.success) return result;
  return new CanonicalParseFailure(result, schema, typeName);
}

/**
 * A failed {@link safeParseCanonical}: the typed error is built on first access of `error`, so filtering a
 * large batch for valid records stays cheap. zod builds its own ZodError lazily too (on the first read of
 * its `result.error`, which finalizes every issue and captures a stack trace), so that is read only here.
 * A class with a prototype getter rather than an object literal with a getter: V8 creates the literal's
 * accessor pair and closures on every failure, about a quarter of the cost of validating a whole record.
 */
class CanonicalParseFailure {
  readonly success = false as const;
  #zod: z.ZodSafeParseError<unknown> | undefined;
  #schema: z.ZodType | undefined;
  #typeName: string | undefined;
  #error: CanonicalValidationError | undefined;

  constructor(zod: z.ZodSafeParseError<unknown>, schema: z.ZodType, typeName: string | undefined) {
    this.#zod = zod;
    this.#schema = schema;
    this.#typeName = typeName;
  }

  /** Every offending field. */
  get error(): CanonicalValidationError {
    if (this.#error === undefined) {
      const zod = this.#zod as z.ZodSafeParseError<unknown>;
      const schema = this.#schema as z.ZodType;
      this.#error = CanonicalValidationError.fromZod(typeNameOf(schema, this.#typeName), zod.error.issues);
      // The raw zod result holds the rejected input; once the typed error exists it is no longer needed.
      this.#zod = undefined;
      this.#schema = undefined;
    }
    return this.#error;
  }
}

/**
 * Validates `input` against any canonical `schema` and returns the typed record.
 * @throws CanonicalValidationError listing every offending field path with a reason
 */
export function parseCanonical<S extends z.ZodType>(
  schema: S,
  input: unknown,
  typeName?: string,
): z.output<S> {
  const result = safeParseCanonical(schema, input, typeName);
  if (!result.success) throw result.error;
  return result.data;
}

function parser<T>(name: CanonicalTypeName): (input: unknown) => T {
  const schema = CANONICAL_SCHEMAS[name] as unknown as z.ZodType<T>;
  return (input) => parseCanonical(schema, input, name) as T;
}

/** Parses a {@link Client}. @throws CanonicalValidationError */
export const parseClient: (input: unknown) => Client = parser("Client");
/** Parses an {@link Engagement}. @throws CanonicalValidationError */
export const parseEngagement: (input: unknown) => Engagement = parser("Engagement");
/** Parses a {@link Project}. @throws CanonicalValidationError */
export const parseProject: (input: unknown) => Project = parser("Project");
/** Parses a {@link ProjectTask}. @throws CanonicalValidationError */
export const parseProjectTask: (input: unknown) => ProjectTask = parser("ProjectTask");
/** Parses a {@link Milestone}. @throws CanonicalValidationError */
export const parseMilestone: (input: unknown) => Milestone = parser("Milestone");
/** Parses a {@link Resource}. @throws CanonicalValidationError */
export const parseResource: (input: unknown) => Resource = parser("Resource");
/** Parses a {@link ResourceAssignment}. @throws CanonicalValidationError */
export const parseResourceAssignment: (input: unknown) => ResourceAssignment = parser("ResourceAssignment");
/** Parses a {@link TimeEntry} in any approval state. @throws CanonicalValidationError */
export const parseTimeEntry: (input: unknown) => TimeEntry = parser("TimeEntry");
/** Parses an {@link ApprovedTimeEntry}; a non-approved entry fails at `approval.state`. @throws CanonicalValidationError */
export const parseApprovedTimeEntry: (input: unknown) => ApprovedTimeEntry = parser("ApprovedTimeEntry");
/** Parses an {@link ExpenseLine}. @throws CanonicalValidationError */
export const parseExpenseLine: (input: unknown) => ExpenseLine = parser("ExpenseLine");
/** Parses a {@link BillableExpense}. @throws CanonicalValidationError */
export const parseBillableExpense: (input: unknown) => BillableExpense = parser("BillableExpense");
/** Parses an {@link InvoiceEvent}. @throws CanonicalValidationError */
export const parseInvoiceEvent: (input: unknown) => InvoiceEvent = parser("InvoiceEvent");
/** Parses a {@link RevenueSchedule}. @throws CanonicalValidationError */
export const parseRevenueSchedule: (input: unknown) => RevenueSchedule = parser("RevenueSchedule");
/** Parses a {@link JournalEntry}. @throws CanonicalValidationError */
export const parseJournalEntry: (input: unknown) => JournalEntry = parser("JournalEntry");
/** Parses a {@link LegalEntity}. @throws CanonicalValidationError */
export const parseLegalEntity: (input: unknown) => LegalEntity = parser("LegalEntity");
/** Parses a {@link CostCenter}. @throws CanonicalValidationError */
export const parseCostCenter: (input: unknown) => CostCenter = parser("CostCenter");
/** Parses a {@link Practice}. @throws CanonicalValidationError */
export const parsePractice: (input: unknown) => Practice = parser("Practice");
/** Parses a {@link Region}. @throws CanonicalValidationError */
export const parseRegion: (input: unknown) => Region = parser("Region");
/** Parses a {@link RateCard}. @throws CanonicalValidationError */
export const parseRateCard: (input: unknown) => RateCard = parser("RateCard");
/** Parses a {@link TaxCode}. @throws CanonicalValidationError */
export const parseTaxCode: (input: unknown) => TaxCode = parser("TaxCode");
/** Parses a {@link Currency}. @throws CanonicalValidationError */
export const parseCurrency: (input: unknown) => Currency = parser("Currency");
