import {
  createIntegrationException,
  DIMENSION_KINDS,
  type DimensionKind,
  defaultImpact,
  dimensionLabel,
  type ExpenseLine,
  type IntegrationException,
  missingDimensionCode,
  type Project,
  REASON_CODES,
  type TimeEntry,
  unmappedDimensionCode,
} from "@ledgerline/canonical";
import type { DeliveryPolicy } from "./delivery-policy.js";

/** One reason a record was rejected: a reason code, the field at fault and a message without values. */
export interface RejectionIssue {
  code?: string | undefined;
  /** Dotted path (`dimensions.costCenter`, `approval.state`). */
  field?: string | undefined;
  message: string;
}

/**
 * The order in which a rejected record's reasons are reported: canonical's {@link REASON_CODES} order
 * (approval first, then project, period, billing, dimensions, mappings). A record with several reasons is
 * filed once, under the first it has (unapproved work is "awaiting approval" before it is anything else),
 * so the exception groups add up to the rejected records exactly. Other codes (a vendor's refusal) come
 * after, in the order given.
 */
export const REJECTION_PRIORITY: readonly string[] = Object.keys(REASON_CODES);

/** The issue a rejected record is reported under (see {@link REJECTION_PRIORITY}). */
export function primaryIssue(issues: readonly RejectionIssue[]): RejectionIssue | undefined {
  const rank = (issue: RejectionIssue) => {
    const i = issue.code === undefined ? -1 : REJECTION_PRIORITY.indexOf(issue.code);
    return i === -1 ? REJECTION_PRIORITY.length : i;
  };
  let best: RejectionIssue | undefined;
  for (const issue of issues) if (!best || rank(issue) < rank(best)) best = issue;
  return best;
}

/** Canonical type name of a work record. */
export function workType(record: TimeEntry | ExpenseLine): "TimeEntry" | "ExpenseLine" {
  return "minutes" in record ? "TimeEntry" : "ExpenseLine";
}

function dimensionOf(field: string | undefined): DimensionKind | undefined {
  if (field === "taxCode") return "taxCode";
  const kind = field?.startsWith("dimensions.") ? field.slice("dimensions.".length) : undefined;
  return DIMENSION_KINDS.find((k) => k === kind);
}

/** Context of {@link rejectionException}. */
export interface RejectionContext {
  project?: Project | undefined;
  policy?: DeliveryPolicy | undefined;
  now?: Date | undefined;
}

/**
 * The business exception of a rejected time entry or expense: code = the issue's reason code, except a
 * dimension that is missing or unmapped, which files under canonical's `MISSING_<KIND>` / `UNMAPPED_<KIND>`
 * (as `postingExceptions` does); impact = canonical's default for the type (`blocks-cost-posting`); a
 * subject to group by (the unmapped cost center with its name, the project and its status, the approval
 * state); the record's minutes or amount and its person for the totals.
 */
export function rejectionException(
  record: TimeEntry | ExpenseLine,
  issue: RejectionIssue,
  context: RejectionContext = {},
): IntegrationException {
  const type = workType(record);
  const dimension = dimensionOf(issue.field);
  const code =
    issue.code === "DIMENSION_UNMAPPED" && dimension
      ? unmappedDimensionCode(dimension)
      : issue.code === "DIMENSION_MISSING" && dimension
        ? missingDimensionCode(dimension)
        : (issue.code ?? "VALIDATION_FAILED");
  return createIntegrationException({
    code,
    impact: defaultImpact(type),
    message: issue.message,
    record: {
      key: record.key,
      type,
      system: record.source.system,
      id: record.source.id,
      project: record.project.key,
      resource: record.resource.key,
    },
    ...(issue.field ? { field: issue.field } : {}),
    subject: subjectOf(record, issue, dimension, context),
    ...("minutes" in record ? { minutes: record.minutes } : { amount: record.amount }),
    ...(context.now ? { now: context.now } : {}),
  });
}

function subjectOf(
  record: TimeEntry | ExpenseLine,
  issue: RejectionIssue,
  dimension: DimensionKind | undefined,
  context: RejectionContext,
): string {
  switch (issue.code) {
    case "APPROVAL_REQUIRED":
      return record.approval.state === "rejected" ? "rejected by the approver" : "awaiting approval";
    case "PROJECT_STATUS_NOT_POSTABLE": {
      const project = context.project;
      return `project ${project?.name ?? record.project.key} (${project?.status.code ?? "unknown status"})`;
    }
    case "PERIOD_CLOSED":
      return `period of ${record.date.slice(0, 7)}`;
    case "DIMENSION_MISSING":
    case "DIMENSION_UNMAPPED":
      if (dimension) {
        const value =
          dimension === "taxCode"
            ? "taxCode" in record
              ? record.taxCode
              : undefined
            : record.dimensions?.[dimension];
        if (value === undefined || value === "") return dimensionLabel(dimension);
        const name = context.policy?.dimensionNames?.[dimension]?.[value];
        return `${dimensionLabel(dimension)} ${value}${name ? ` (${name})` : ""}`;
      }
      return issue.field ?? issue.message;
    default:
      return truncate(issue.field ? `${issue.field}: ${issue.message}` : issue.message);
  }
}

/** The data-quality flag on an approved time entry edited after its approval (posted at its latest version). */
export function editedAfterApprovalException(entry: TimeEntry, now?: Date): IntegrationException {
  return createIntegrationException({
    code: "EDITED_AFTER_APPROVAL",
    impact: "data-quality",
    message: "changed after its timesheet was approved; posted at its latest version",
    record: {
      key: entry.key,
      type: "TimeEntry",
      system: entry.source.system,
      id: entry.source.id,
      project: entry.project.key,
      resource: entry.resource.key,
    },
    minutes: entry.minutes,
    ...(now ? { now } : {}),
  });
}

function truncate(text: string): string {
  return text.length <= 255 ? text : `${text.slice(0, 254)}…`;
}
