import { z } from "zod";
import { CanonicalKeySchema } from "./canonical-key.js";
import { type Money, MoneySchema } from "./money.js";
import { InstantSchema } from "./source.js";

/** What an exception stops the business from doing. */
export const BUSINESS_IMPACTS = [
  "blocks-billing",
  "blocks-cost-posting",
  "blocks-revenue",
  "data-quality",
] as const;
/** Business impact of an integration exception. */
export type BusinessImpact = (typeof BUSINESS_IMPACTS)[number];

/** The record an exception concerns. */
export const ExceptionRecordSchema = z.object({
  /** Canonical key of the record. */
  key: CanonicalKeySchema,
  /** Canonical type name (`TimeEntry`, `InvoiceEvent`). */
  type: z.string().min(1).max(64),
  /** Source system and id, when known. */
  system: z.string().max(64).optional(),
  id: z.string().max(255).optional(),
  /** Canonical key of the project it belongs to, for per-project reports. */
  project: CanonicalKeySchema.optional(),
});
/** The record an exception concerns. */
export type ExceptionRecord = z.infer<typeof ExceptionRecordSchema>;

/**
 * A problem that stops a record from flowing (or makes its data doubtful), described for the business: a
 * machine-readable `code` (`UNMAPPED_TAX_CODE`), its `impact`, the record it concerns, when it was first and
 * last seen and how often. Plain data: store it, send it, summarise it with `summarizeExceptions`.
 */
export const IntegrationExceptionSchema = z
  .object({
    code: z.string().min(1).max(64),
    impact: z.enum(BUSINESS_IMPACTS),
    message: z.string().max(1000),
    record: ExceptionRecordSchema,
    /** The field at fault, as a dotted path. */
    field: z.string().max(255).optional(),
    firstSeen: InstantSchema,
    lastSeen: InstantSchema,
    occurrences: z.int().min(1),
    correlationId: z.string().max(128).optional(),
    /** The money the problem holds up (an invoice's total, unposted time's value), exact. */
    amount: MoneySchema.optional(),
  })
  .meta({ title: "IntegrationException", description: "A business-impacting integration problem" });
/** An integration exception. See {@link IntegrationExceptionSchema}. */
export type IntegrationException = z.infer<typeof IntegrationExceptionSchema>;

/** Input of {@link createIntegrationException}. */
export interface IntegrationExceptionInput {
  code: string;
  impact: BusinessImpact;
  /** Human-readable detail. Never put rates, salaries or secrets here. */
  message: string;
  record: ExceptionRecord;
  field?: string;
  correlationId?: string;
  /** The money the problem holds up (e.g. a blocked invoice's total). */
  amount?: Money;
  /** When the problem was first seen (default: `now`). */
  firstSeen?: Date | string;
  /** The current time (default: `new Date()`). */
  now?: Date;
}

function iso(value: Date | string, option: string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (!(date instanceof Date) || Number.isNaN(date.getTime()))
    throw new TypeError(`${option} must be a valid date`);
  return date.toISOString();
}

/** Creates an exception seen once, now. */
export function createIntegrationException(input: IntegrationExceptionInput): IntegrationException {
  const now = input.now ?? new Date();
  const exception: IntegrationException = {
    code: input.code,
    impact: input.impact,
    message: input.message,
    record: input.record,
    firstSeen: iso(input.firstSeen ?? now, "firstSeen"),
    lastSeen: iso(now, "now"),
    occurrences: 1,
  };
  if (input.field !== undefined) exception.field = input.field;
  if (input.correlationId !== undefined) exception.correlationId = input.correlationId;
  if (input.amount !== undefined) exception.amount = input.amount;
  return exception;
}

/** Identity of an exception across runs: same code on the same record. */
export function exceptionId(exception: Pick<IntegrationException, "code" | "record">): string {
  return `${exception.code}:${exception.record.key}`;
}

/**
 * Folds a newly seen occurrence into a stored exception: keeps the earliest `firstSeen`, takes the latest
 * `lastSeen` and message, and adds occurrences. Both must have the same {@link exceptionId}.
 */
export function mergeExceptions(
  stored: IntegrationException,
  seen: IntegrationException,
): IntegrationException {
  if (exceptionId(stored) !== exceptionId(seen)) throw new TypeError("mergeExceptions: different exceptions");
  return {
    ...seen,
    firstSeen: Date.parse(stored.firstSeen) <= Date.parse(seen.firstSeen) ? stored.firstSeen : seen.firstSeen,
    lastSeen: Date.parse(seen.lastSeen) >= Date.parse(stored.lastSeen) ? seen.lastSeen : stored.lastSeen,
    occurrences: stored.occurrences + seen.occurrences,
  };
}

/** Age of an exception in milliseconds: time since it was first seen (never negative). */
export function exceptionAgeMs(
  exception: Pick<IntegrationException, "firstSeen">,
  now: Date = new Date(),
): number {
  const first = Date.parse(exception.firstSeen);
  return Number.isNaN(first) ? 0 : Math.max(0, now.getTime() - first);
}

/** The business impact a problem with a record of `type` has by default. */
export function defaultImpact(type: string): BusinessImpact {
  switch (type) {
    case "InvoiceEvent":
    case "Milestone":
      return "blocks-billing";
    case "RevenueSchedule":
      return "blocks-revenue";
    case "TimeEntry":
    case "ApprovedTimeEntry":
    case "ExpenseLine":
    case "BillableExpense":
      return "blocks-cost-posting";
    default:
      return "data-quality";
  }
}
