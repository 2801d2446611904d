import {
  CANONICAL_SCHEMAS,
  type CanonicalTypeName,
  type DimensionKind,
  type DimensionMap,
  type Dimensions,
  lookupDimension,
  type Money,
  type PostingViolationCode,
  type Ref,
  safeParseCanonical,
} from "@ledgerline/canonical";
import { ValidationError, type ValidationIssue } from "@ledgerline/core";
import type { components } from "../generated/netsuite.js";

/** A NetSuite reference as written: `{ id }` (internal id). */
export type NetSuiteRef = components["schemas"]["RecordRef"];

/**
 * Account-specific ids the mappers need besides references. Dimension and tax codes use canonical's
 * {@link DimensionMap} (`tables.costCenter` → `department`, `practice` → `class`, `region` → `location`,
 * `legalEntity` → `subsidiary`, `taxCode` → `taxCode`).
 * @example
 * {
 *   dimensions: { target: "netsuite", tables: { costCenter: { "CC-100": "3" }, legalEntity: { UK: "4" } } },
 *   expenseCategories: { travel: "5" }, timeItem: "20", invoiceItem: "21",
 * }
 */
export interface NetSuiteMasterData {
  /** Dimension and tax codes → NetSuite ids. */
  dimensions?: DimensionMap;
  /** Expense category code → expense `category` id. */
  expenseCategories?: Readonly<Record<string, string>>;
  /** ISO 4217 code → `currency` id. When set, every currency used must be mapped; otherwise none is sent. */
  currencies?: Readonly<Record<string, string>>;
  /** Service item for time entries (`timeBill.item`), if the account requires one. */
  timeItem?: string;
  /** Item used for invoice lines. Required to map invoice events. */
  invoiceItem?: string;
  /** GL account code (`"2400"`, `"deferred-revenue"`) → `account` id, for journal entry lines. */
  accounts?: Readonly<Record<string, string>>;
  /**
   * Accounting period `YYYY-MM` → `accountingPeriod` id, sent as a journal entry's `postingPeriod`. When
   * set, every period posted to must be mapped; otherwise none is sent and NetSuite derives it from `tranDate`.
   */
  postingPeriods?: Readonly<Record<string, string>>;
  /**
   * `approvalStatus` id sent on time bills (NetSuite: 1 open, 2 pending approval, 3 approved, 4 rejected);
   * `null` sends none, for accounts without time approval. @default "3"
   */
  timeApprovalStatus?: "1" | "2" | "3" | "4" | null;
}

/**
 * Resolves a canonical reference to a NetSuite internal id, or `undefined` when unknown. The default
 * reads `ref.ids.netsuite`; operations also look in the ledger for records Ledgerline posted itself.
 */
export type RefResolver = (ref: Ref, field: string) => string | undefined;

/** Everything a mapper needs besides the canonical record. Pure data: mappers perform no I/O. */
export interface MapContext extends NetSuiteMasterData {
  /** Reference resolver. @default reads `ref.ids.netsuite` */
  resolve?: RefResolver;
}

/** Canonical's reason code for a record that is not approved (the same code `checkPostable` uses). */
export const APPROVAL_REQUIRED: PostingViolationCode = "APPROVAL_REQUIRED";

/** Code of the issues raised when a record is not a valid canonical record at all. */
export const INVALID_RECORD = "INVALID_RECORD";

/**
 * Checks that `record` is a valid canonical `type` before anything reads it, so a record of any shape
 * (null, a number, a missing or mistyped field, a throwing getter) becomes a `ValidationError` naming each
 * field and the reason — never a `TypeError` — and the message never carries a value.
 * @throws ValidationError with one issue per offending field (code `INVALID_RECORD`)
 */
export function assertCanonical(type: CanonicalTypeName, record: unknown): void {
  const result = safeParseCanonical(CANONICAL_SCHEMAS[type], record, type);
  if (result.success) return;
  throw new ValidationError(
    `not a valid canonical ${type}`,
    result.error.issues.map((issue) => ({ path: issue.path, message: issue.reason, code: INVALID_RECORD })),
  );
}

/** Collects issues while a mapper runs, then reports all of them at once. */
export class IssueList {
  readonly issues: ValidationIssue[] = [];

  add(path: string, message: string, code = "UNMAPPED"): undefined {
    this.issues.push({ path, message, code });
    return undefined;
  }
}

/** Reads the NetSuite id of a reference (`ref.ids.netsuite` unless a resolver is given). */
export function refId(
  ctx: MapContext,
  ref: Ref,
  field: string,
  issues: IssueList,
  what: string,
): NetSuiteRef | undefined {
  const id = ctx.resolve ? ctx.resolve(ref, field) : ref.ids?.netsuite;
  if (id) return { id };
  return issues.add(
    field,
    `no NetSuite ${what} id is known for this reference (set ids.netsuite or post it first)`,
  );
}

/** NetSuite `department`, `class`, `location` and `subsidiary` from canonical dimensions. */
export function dimensionRefs(
  ctx: MapContext,
  dimensions: Dimensions | undefined,
  issues: IssueList,
  prefix = "dimensions",
): { department?: NetSuiteRef; class?: NetSuiteRef; location?: NetSuiteRef; subsidiary?: NetSuiteRef } {
  const out: {
    department?: NetSuiteRef;
    class?: NetSuiteRef;
    location?: NetSuiteRef;
    subsidiary?: NetSuiteRef;
  } = {};
  if (!dimensions) return out;
  const pairs = [
    ["costCenter", "department"],
    ["practice", "class"],
    ["region", "location"],
    ["legalEntity", "subsidiary"],
  ] as const;
  for (const [kind, field] of pairs) {
    const code = dimensions[kind];
    if (code === undefined) continue;
    const id = ctx.dimensions ? lookupDimension(ctx.dimensions, kind, code) : undefined;
    if (id) out[field] = { id };
    else
      issues.add(
        `${prefix}.${kind}`,
        `no NetSuite ${field} is mapped for this ${kind} code`,
        "DIMENSION_UNMAPPED",
      );
  }
  return out;
}

/** A dimension (or tax) code looked up in the context's {@link DimensionMap}; missing → an issue. */
export function dimensionRef(
  ctx: MapContext,
  kind: DimensionKind,
  code: string | undefined,
  path: string,
  what: string,
  issues: IssueList,
): NetSuiteRef | undefined {
  if (code === undefined) return undefined;
  const id = ctx.dimensions ? lookupDimension(ctx.dimensions, kind, code) : undefined;
  if (id) return { id };
  return issues.add(path, `no NetSuite ${what} is mapped for this code`, "DIMENSION_UNMAPPED");
}

/** A code looked up in a master-data map; missing → an issue naming the field. */
export function codeRef(
  map: Readonly<Record<string, string>> | undefined,
  code: string | undefined,
  path: string,
  what: string,
  issues: IssueList,
): NetSuiteRef | undefined {
  if (code === undefined) return undefined;
  const id = map?.[code];
  if (id) return { id };
  return issues.add(path, `no NetSuite ${what} is mapped for this code`);
}

/** A currency reference, only when the context maps currencies (otherwise NetSuite's default applies). */
export function currencyRef(
  ctx: MapContext,
  code: string,
  path: string,
  issues: IssueList,
): NetSuiteRef | undefined {
  if (!ctx.currencies) return undefined;
  return codeRef(ctx.currencies, code, path, "currency", issues);
}

const MAX_EXACT_DIGITS = 15;

/**
 * A decimal string as the JSON number NetSuite expects, refused (as an issue) when a double could not
 * carry it exactly (more than 15 significant digits). The message never contains the amount.
 */
export function decimalNumber(value: string, path: string, issues: IssueList): number | undefined {
  const digits = value
    .replace(/^-/, "")
    .replace(".", "")
    .replace(/^0+(?=\d)/, "");
  const parsed = Number(value);
  if (!/^-?\d+(?:\.\d+)?$/.test(value) || digits.length > MAX_EXACT_DIGITS || !Number.isFinite(parsed)) {
    return issues.add(
      path,
      "is not a decimal NetSuite can store exactly (at most 15 significant digits)",
      "PRECISION",
    );
  }
  return parsed;
}

/** Amount of `money` as a JSON number (see {@link decimalNumber}). */
export function amountNumber(money: Money, path: string, issues: IssueList): number | undefined {
  return decimalNumber(money.amount, `${path}.amount`, issues);
}

/** Drops `undefined` values so the request body carries only what is set. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
