import {
  type ApprovalState,
  canonicalKey,
  type DimensionKind,
  decimalHoursToMinutes,
  isCanonicalKey,
  parseHoursMinutes,
  type Ref,
  type TimeEntry,
} from "@ledgerline/canonical";
import { ValidationError, type ValidationIssue } from "@ledgerline/core";
import type { NetSuiteMasterData } from "./context.js";

/** The columns `listPostedTime` selects from the SuiteQL `timebill` table. */
export interface TimeBillRow {
  id: string | number;
  externalid?: string | null;
  employee?: string | number | null;
  customer?: string | number | null;
  casetaskevent?: string | number | null;
  /** `YYYY-MM-DD` (selected with `TO_CHAR`). */
  trandate?: string | null;
  /** Decimal hours (SuiteQL) or `H:MM`. */
  hours?: string | number | null;
  /** `T` / `F`. */
  isbillable?: string | boolean | null;
  memo?: string | null;
  approvalstatus?: string | number | null;
  department?: string | number | null;
  class?: string | number | null;
  location?: string | number | null;
  subsidiary?: string | number | null;
  lastmodifieddate?: string | null;
}

const APPROVAL: Record<string, ApprovalState> = {
  "1": "draft",
  "2": "submitted",
  "3": "approved",
  "4": "rejected",
};
const DIMENSION_COLUMNS: Array<[keyof TimeBillRow, Exclude<DimensionKind, "taxCode">]> = [
  ["department", "costCenter"],
  ["class", "practice"],
  ["location", "region"],
  ["subsidiary", "legalEntity"],
];

type Scalar = string | number | boolean | null | undefined;

/** Columns that must be text (or absent), and columns that may be text or a number (ids, hours). */
const TEXT_COLUMNS = ["externalid", "trandate", "memo", "lastmodifieddate"] as const;
const ID_COLUMNS = [
  "employee",
  "customer",
  "casetaskevent",
  "approvalstatus",
  "department",
  "class",
  "location",
  "subsidiary",
  "hours",
] as const;

/**
 * Maps a posted `timeBill` row back to a canonical time entry for reconciliation. The key is the external
 * id Ledgerline wrote (the source entry's canonical key), so both sides reconcile on the same key; records
 * without one get a NetSuite-derived key. Decimal hours are rounded half-up to whole minutes; dimension ids
 * are mapped back to codes through the master data when it has them. Total: a row of any other shape is
 * refused with a `ValidationError` naming each column at fault and why (never its value).
 * @throws ValidationError when the row is not an object or a column has the wrong type or form
 */
export function fromTimeBillRow(
  row: TimeBillRow,
  masterData: NetSuiteMasterData = {},
  now = new Date(),
): TimeEntry {
  const cells = readRow(row);
  const issues: ValidationIssue[] = [];
  const bad = (path: string, message: string) => issues.push({ path, message, code: "INVALID_ROW" });
  const idValue = cells.id;
  if (
    !(
      (typeof idValue === "string" && idValue !== "") ||
      (typeof idValue === "number" && Number.isFinite(idValue))
    )
  )
    bad("id", "must be a non-empty string or a number");
  for (const column of TEXT_COLUMNS) {
    const value = cells[column];
    if (value != null && typeof value !== "string") bad(column, "must be text or null");
  }
  for (const column of ID_COLUMNS) {
    const value = cells[column];
    if (value != null && typeof value !== "string" && !(typeof value === "number" && Number.isFinite(value)))
      bad(column, "must be text, a number or null");
  }
  const billable = cells.isbillable;
  if (billable != null && typeof billable !== "string" && typeof billable !== "boolean")
    bad("isbillable", "must be T, F, a boolean or null");
  const trandate = cells.trandate;
  if (typeof trandate === "string" && !ISO_DATE.test(trandate)) bad("trandate", "must be a date YYYY-MM-DD");
  let minutes = 0;
  if (issues.length === 0) {
    try {
      minutes = minutesOf(cells.hours as string | number | null | undefined);
    } catch {
      bad("hours", "must be a duration H:MM or decimal hours");
    }
  }
  if (issues.length > 0) throw new ValidationError("timebill row cannot be read", issues);

  const id = String(idValue);
  const externalId = (cells.externalid as string | null | undefined) ?? undefined;
  const lastModified = cells.lastmodifieddate as string | null | undefined;
  const modified = lastModified ? new Date(lastModified) : undefined;
  const updatedAt =
    modified && !Number.isNaN(modified.getTime()) ? modified.toISOString() : now.toISOString();
  const approvalRaw = cells.approvalstatus == null ? "" : String(cells.approvalstatus);
  const dimensions: Partial<Record<Exclude<DimensionKind, "taxCode">, string>> = {};
  for (const [column, kind] of DIMENSION_COLUMNS) {
    const value = cells[column];
    if (value == null || value === "") continue;
    const code = codeOf(masterData, kind, String(value));
    if (code) dimensions[kind] = code;
  }
  const task = ref("projectTask", cells.casetaskevent as string | number | null | undefined);
  const memo = cells.memo as string | null | undefined;
  return {
    key:
      externalId && isCanonicalKey(externalId)
        ? externalId
        : canonicalKey({ system: "netsuite", type: "timebill", id }),
    source: { system: "netsuite", type: "timeBill", id, version: lastModified || "1", updatedAt },
    resource: ref("employee", cells.employee as string | number | null | undefined) ?? {
      key: "netsuite-employee-unknown",
    },
    project: ref("job", cells.customer as string | number | null | undefined) ?? {
      key: "netsuite-job-unknown",
    },
    ...(task ? { task } : {}),
    date: (trandate as string | null | undefined) ?? "",
    minutes,
    billable: billable === true || billable === "T",
    approval: { state: APPROVAL[approvalRaw] ?? "other", raw: approvalRaw },
    ...(Object.keys(dimensions).length > 0 ? { dimensions } : {}),
    ...(memo ? { notes: memo } : {}),
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The row's columns as plain values; anything unreadable (not an object, throwing getters) is refused. */
function readRow(row: unknown): Record<string, Scalar | object> {
  if (!row || typeof row !== "object" || Array.isArray(row)) {
    throw new ValidationError("timebill row cannot be read", [
      { path: "(row)", message: "must be an object", code: "INVALID_ROW" },
    ]);
  }
  const out: Record<string, Scalar | object> = {};
  const columns = ["id", ...TEXT_COLUMNS, ...ID_COLUMNS, "isbillable"];
  for (const column of columns) {
    try {
      out[column] = (row as Record<string, Scalar | object>)[column];
    } catch {
      throw new ValidationError("timebill row cannot be read", [
        { path: column, message: "could not be read", code: "INVALID_ROW" },
      ]);
    }
  }
  return out;
}

function ref(type: string, id: string | number | null | undefined): Ref | undefined {
  if (id == null || id === "") return undefined;
  const text = String(id);
  return {
    key: canonicalKey({ system: "netsuite", type: type.toLowerCase(), id: text }),
    ids: { netsuite: text },
  };
}

function minutesOf(hours: string | number | null | undefined): number {
  if (hours == null || hours === "") return 0;
  if (typeof hours === "string" && hours.includes(":")) return parseHoursMinutes(hours);
  // SuiteQL prints numbers below 1 without the leading zero (".5").
  const decimal =
    typeof hours === "string" ? hours.replace(/^(-?)\./, (_dot, sign: string) => `${sign}0.`) : hours;
  return decimalHoursToMinutes(decimal, { rounding: "half-up" });
}

function codeOf(masterData: NetSuiteMasterData, kind: DimensionKind, id: string): string | undefined {
  const table = masterData.dimensions?.tables[kind];
  if (!table) return undefined;
  const entries = table instanceof Map ? [...table.entries()] : Object.entries(table);
  return entries.find(([, value]) => value === id)?.[0];
}
