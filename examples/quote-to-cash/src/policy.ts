import {
  currencyExponent,
  type ExpenseLine,
  type PostingContext,
  type Project,
  type TimeEntry,
  toMinorUnits,
} from "@ledgerline/canonical";
import type { NetSuiteRecordResult } from "@ledgerline/connector-netsuite";
import { EXCEPTION_PRIORITY, type ExceptionCode, type ExceptionEvent } from "./exceptions.js";
import type { PsaSnapshot } from "./read.js";
import type { DemoDataSet } from "./seed.js";

/**
 * The demo's posting policy and how its verdicts read as business exceptions: canonical `checkPostable`
 * context per record (project status and billing type, the open period, the cost center map), and the
 * mapping of rejection reason codes to the report's exception groups.
 */

/** Canonical posting policy context: the project's status and billing type, the open period, the cost center map. */
export function postingContext(
  record: TimeEntry | ExpenseLine,
  projects: Map<string, Project>,
  data: DemoDataSet,
): PostingContext | undefined {
  const project = projects.get(record.project.key);
  if (!project) return undefined; // approval gate only; the project reference will not resolve either
  return {
    project: { key: project.key, status: project.status, billingType: project.billingType },
    periods: [
      { id: data.period.from.slice(0, 7), start: data.period.from, end: data.period.to, status: "open" },
    ],
    requiredDimensions: ["costCenter"],
    dimensionMap: { target: "netsuite", tables: { costCenter: data.costCenterMap } },
  };
}

const CODE_OF_ISSUE: Record<string, ExceptionCode> = {
  APPROVAL_REQUIRED: "NOT_APPROVED",
  NOT_APPROVED: "NOT_APPROVED",
  PROJECT_STATUS_NOT_POSTABLE: "PROJECT_CLOSED",
  DIMENSION_UNMAPPED: "UNMAPPED_COST_CENTER",
};

/** The exception a rejected record files under: its highest-priority reason (see EXCEPTION_PRIORITY). */
export function exceptionOf(
  result: NetSuiteRecordResult,
  record: TimeEntry | ExpenseLine,
  kind: string,
  projects: Map<string, Project>,
  data: DemoDataSet,
): ExceptionEvent {
  const codes = (result.issues ?? []).map((i) => {
    const mapped = i.code ? CODE_OF_ISSUE[i.code] : undefined;
    return mapped === "UNMAPPED_COST_CENTER" && i.path !== "dimensions.costCenter"
      ? "OTHER"
      : (mapped ?? "OTHER");
  });
  const code = EXCEPTION_PRIORITY.find((c) => codes.includes(c)) ?? "OTHER";
  const project = projects.get(record.project.key);
  const minutes = "minutes" in record ? record.minutes : undefined;
  const amount =
    "amount" in record
      ? {
          minor: toMinorUnits(record.amount),
          currency: record.amount.currency,
          exponent: currencyExponent(record.amount.currency) ?? 2,
        }
      : undefined;
  const base = {
    kind,
    rejected: true,
    person: record.resource.key,
    ...(minutes === undefined ? {} : { minutes }),
    ...(amount === undefined ? {} : { amount }),
  };
  switch (code) {
    case "PROJECT_CLOSED":
      return {
        ...base,
        code,
        subject: project?.name ?? record.project.key,
        detail: project?.source.updatedAt.slice(0, 10) ?? "",
      };
    case "UNMAPPED_COST_CENTER": {
      const cc = record.dimensions?.costCenter ?? "?";
      const name = data.costCenters.find((c) => c.code === cc)?.name;
      return { ...base, code, subject: name ? `${cc} (${name})` : cc };
    }
    case "NOT_APPROVED":
      // Grouped apart: sent back by the approver ("rejected") vs still waiting for a decision.
      return record.approval.state === "rejected"
        ? { ...base, code, subject: "rejected" }
        : { ...base, code };
    default:
      return { ...base, code: "OTHER" as const, subject: result.reason ?? "unknown reason" };
  }
}

/**
 * An approved entry changed later than the approval of its timesheet. Approving a timesheet itself
 * touches its entries right after the timesheet, so changes within a minute of the approval do not count.
 */
export function editedAfterApproval(entry: TimeEntry, snapshot: PsaSnapshot): boolean {
  if (entry.approval.state !== "approved" || !entry.timesheetId) return false;
  const approvedAt = snapshot.approvedAt.get(entry.timesheetId);
  if (approvedAt === undefined) return false;
  return Date.parse(entry.source.updatedAt) - Date.parse(approvedAt) > APPROVAL_TOUCH_MS;
}

const APPROVAL_TOUCH_MS = 60_000;
