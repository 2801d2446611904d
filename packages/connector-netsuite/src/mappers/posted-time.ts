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

/**
 * Maps a posted `timeBill` row back to a canonical time entry for reconciliation. The key is the external
 * id Ledgerline wrote (the source entry's canonical key), so both sides reconcile on the same key; records
 * without one get a NetSuite-derived key. Decimal hours are rounded half-up to whole minutes; dimension ids
 * are mapped back to codes through the master data when it has them.
 */
export function fromTimeBillRow(
  row: TimeBillRow,
  masterData: NetSuiteMasterData = {},
  now = new Date(),
): TimeEntry {
  const id = String(row.id);
  const externalId = row.externalid ?? undefined;
  const modified = row.lastmodifieddate ? new Date(row.lastmodifieddate) : undefined;
  const updatedAt =
    modified && !Number.isNaN(modified.getTime()) ? modified.toISOString() : now.toISOString();
  const approvalRaw = row.approvalstatus == null ? "" : String(row.approvalstatus);
  const dimensions: Partial<Record<Exclude<DimensionKind, "taxCode">, string>> = {};
  for (const [column, kind] of DIMENSION_COLUMNS) {
    const value = row[column];
    if (value == null || value === "") continue;
    const code = codeOf(masterData, kind, String(value));
    if (code) dimensions[kind] = code;
  }
  const task = ref("projectTask", row.casetaskevent);
  return {
    key:
      externalId && isCanonicalKey(externalId)
        ? externalId
        : canonicalKey({ system: "netsuite", type: "timebill", id }),
    source: { system: "netsuite", type: "timeBill", id, version: row.lastmodifieddate || "1", updatedAt },
    resource: ref("employee", row.employee) ?? { key: "netsuite-employee-unknown" },
    project: ref("job", row.customer) ?? { key: "netsuite-job-unknown" },
    ...(task ? { task } : {}),
    date: row.trandate ?? "",
    minutes: minutesOf(row.hours),
    billable: row.isbillable === true || row.isbillable === "T",
    approval: { state: APPROVAL[approvalRaw] ?? "other", raw: approvalRaw },
    ...(Object.keys(dimensions).length > 0 ? { dimensions } : {}),
    ...(row.memo ? { notes: row.memo } : {}),
  };
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
  return decimalHoursToMinutes(hours, { rounding: "half-up" });
}

function codeOf(masterData: NetSuiteMasterData, kind: DimensionKind, id: string): string | undefined {
  const table = masterData.dimensions?.tables[kind];
  if (!table) return undefined;
  const entries = table instanceof Map ? [...table.entries()] : Object.entries(table);
  return entries.find(([, value]) => value === id)?.[0];
}
