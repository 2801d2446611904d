import { type ApprovedTimeEntry, formatHoursMinutes } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import type { components } from "../generated/netsuite.js";
import {
  APPROVAL_REQUIRED,
  assertCanonical,
  compact,
  dimensionRefs,
  IssueList,
  type MapContext,
  refId,
} from "./context.js";

/** A NetSuite `timeBill` request body. */
export type TimeBillBody = components["schemas"]["TimeBill"];

/**
 * Maps an approved canonical time entry to a NetSuite `timeBill` (Track Time): `hours` as `H:MM`,
 * `isBillable`, `tranDate`, `employee` (resource), `customer` (the project), `caseTaskEvent` (task), the
 * mapped dimensions, `approvalStatus` as NetSuite's enumeration object `{ id }` and `externalId` = the
 * entry's canonical key. Rates are not sent: NetSuite prices time from its own rate setup, and rates are
 * sensitive.
 * @throws ValidationError listing every field that cannot be mapped (not a canonical time entry
 * `INVALID_RECORD`, unapproved `APPROVAL_REQUIRED`, unknown reference, unmapped dimension)
 */
export function toTimeBill(entry: ApprovedTimeEntry, ctx: MapContext = {}): TimeBillBody {
  assertCanonical("TimeEntry", entry);
  const issues = new IssueList();
  if (entry.approval.state !== "approved")
    issues.add("approval.state", 'must be "approved" before posting', APPROVAL_REQUIRED);
  if (!Number.isInteger(entry.minutes) || entry.minutes <= 0) {
    issues.add("minutes", "must be a positive whole number of minutes", "INVALID_DURATION");
  }
  const body = compact({
    externalId: entry.key,
    employee: refId(ctx, entry.resource, "resource", issues, "employee"),
    customer: refId(ctx, entry.project, "project", issues, "project"),
    caseTaskEvent: entry.task ? refId(ctx, entry.task, "task", issues, "project task") : undefined,
    item: ctx.timeItem ? { id: ctx.timeItem } : undefined,
    tranDate: entry.date,
    hours: issues.issues.some((i) => i.path === "minutes") ? undefined : formatHoursMinutes(entry.minutes),
    isBillable: entry.billable,
    memo: entry.notes,
    approvalStatus: ctx.timeApprovalStatus === null ? undefined : { id: ctx.timeApprovalStatus ?? "3" },
    ...dimensionRefs(ctx, entry.dimensions, issues),
  }) satisfies TimeBillBody;
  if (issues.issues.length > 0) {
    throw new ValidationError(`time entry ${entry.key} cannot be posted to NetSuite`, issues.issues);
  }
  return body;
}
