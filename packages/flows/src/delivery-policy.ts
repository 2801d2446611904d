import type {
  DimensionKind,
  DimensionMap,
  PostingContext,
  PostingPeriod,
  Project,
  ProjectStatusValue,
  TimeEntry,
} from "@ledgerline/canonical";

/**
 * The posting policy of {@link postDelivery}: what canonical's `checkPostable` checks besides approval
 * (which is always checked), and how its verdicts are described. Plain data.
 */
export interface DeliveryPolicy {
  /** Accounting periods of the ERP; a date in no period counts as closed. */
  periods: readonly PostingPeriod[];
  /** Dimensions every record must carry, mapped (e.g. `["costCenter"]`). @default [] */
  requiredDimensions?: readonly DimensionKind[] | undefined;
  /** Target ids of dimensions (cost center → NetSuite department …); every present dimension must map. */
  dimensionMap?: DimensionMap | undefined;
  /** Project status codes that accept postings. @default ["active"] */
  postableStatuses?: readonly ProjectStatusValue["code"][] | undefined;
  /** Display names of dimension codes, for exception subjects (`{ costCenter: { "CC-450": "Data & AI Lab" } }`). */
  dimensionNames?: Partial<Record<DimensionKind, Readonly<Record<string, string>>>> | undefined;
  /**
   * A time entry changed more than this long after its timesheet was approved is flagged as edited after
   * approval (approving a timesheet touches its entries right after, so changes within it do not count).
   * @default 60000
   */
  approvalTouchMs?: number | undefined;
}

/**
 * Canonical posting context of a time entry or expense booked to `project`, under `policy`: the project's status and billing
 * type, the periods, the required and mapped dimensions. `undefined` when the project is not known — then
 * only the approval gate applies (and the project reference will not resolve in the ERP either).
 */
export function deliveryPostingContext(
  project: Project | undefined,
  policy: DeliveryPolicy,
): PostingContext | undefined {
  if (!project) return undefined;
  return {
    project: { key: project.key, status: project.status, billingType: project.billingType },
    periods: policy.periods,
    ...(policy.requiredDimensions ? { requiredDimensions: policy.requiredDimensions } : {}),
    ...(policy.dimensionMap ? { dimensionMap: policy.dimensionMap } : {}),
    ...(policy.postableStatuses ? { postableStatuses: policy.postableStatuses } : {}),
  };
}

/**
 * True when an approved time entry was changed later than the approval of its timesheet (more than
 * `toleranceMs` after it): it is posted at its latest version and flagged, since a stricter process would
 * send it back for re-approval. `approvedAt` maps timesheet ids to their approval instants.
 */
export function editedAfterApproval(
  entry: TimeEntry,
  approvedAt: ReadonlyMap<string, string>,
  toleranceMs = 60_000,
): boolean {
  if (entry.approval.state !== "approved" || !entry.timesheetId) return false;
  const approved = approvedAt.get(entry.timesheetId);
  if (approved === undefined) return false;
  return Date.parse(entry.source.updatedAt) - Date.parse(approved) > toleranceMs;
}
