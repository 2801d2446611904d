/**
 * @ledgerline/flows — the steps of the quote-to-cash chain composed over the Ledgerline connectors. Each
 * step is a function over connector clients, a ledger and a policy that returns a {@link StepReport}:
 * idempotent on rerun, resumable after a crash, and every record it receives accounted for.
 * @packageDocumentation
 */

/** Name of this package, as published to npm. */
export const PACKAGE_NAME = "@ledgerline/flows";

export { type BillMilestonesOptions, billingMilestoneFor, billMilestones } from "./bill-milestones.js";
export { type BillTimeAndMaterialsOptions, billTimeAndMaterials } from "./bill-time-and-materials.js";
export { BILLED_PREFIX, invoiceKey, RELEASED, XREF_PREFIX } from "./billing-ledger.js";
export {
  type BillingPeriod,
  type BillingPolicy,
  exceptionCodeOf,
  type InvoiceBlock,
} from "./billing-policy.js";
export {
  type BillingPositions,
  billingPositionsOf,
  type ProjectBillingPosition,
} from "./billing-positions.js";
export type { BilledInvoice, BillingReport, SkippedWork } from "./billing-report.js";
export {
  type ClosePeriodOptions,
  type CloseProject,
  type CloseReport,
  type CloseSla,
  closePeriod,
  type SubsidiaryRate,
} from "./close-period.js";
export {
  type CloseSummary,
  type ProjectCloseSummary,
  type RevenueSummary,
  summarizeClose,
  summarizeRevenue,
} from "./close-summary.js";
export {
  editedAfterApprovalException,
  primaryIssue,
  REJECTION_PRIORITY,
  type RejectionContext,
  type RejectionIssue,
  rejectionException,
  workType,
} from "./delivery-exceptions.js";
export { type DeliveryPolicy, deliveryPostingContext, editedAfterApproval } from "./delivery-policy.js";
export {
  type DeliveryReconciliation,
  type KindReconciliation,
  NOT_RECONCILED,
  type ProjectReconciliationRow,
  type ReconcileDeliveryOptions,
  type ReconcileNetSuite,
  type ReconciliationCounts,
  reconcileDelivery,
} from "./delivery-reconciliation.js";
export {
  crosswalkProjects,
  type DateRange,
  DELIVERY_READS,
  type DeliveryPsa,
  type DeliverySnapshot,
  type ExpenseSubmissionCounts,
  enrichWork,
  type ProjectDirectory,
  type ReadDeliveryOptions,
  type ResourceDirectory,
  type ResourceFacts,
  readDeliverySnapshot,
  type UnreadableRecord,
} from "./delivery-snapshot.js";
export {
  ENGAGEMENT_REJECTED,
  type EngagementSystems,
  type SyncEngagementsOptions,
  syncEngagements,
  toProject,
} from "./engagements.js";
export { type AgedException, ExceptionStore, type StoredException } from "./exception-store.js";
export { type CloseReportView, renderCloseReport, writeCloseReport } from "./html-report.js";
export type { BillingDeps } from "./invoice-writer.js";
export { jsonEntries, readJson, writeJson } from "./ledger-json.js";
export { LedgerJsonStore } from "./ledger-store.js";
export {
  type ApproveOptions,
  approveMappingChange,
  listMappingChanges,
  MAPPING_CHANGE_PENDING,
  type MappingChange,
  type MappingChangeKind,
  rejectMappingChange,
  requestMappingChange,
  SegregationOfDutiesError,
} from "./mapping-changes.js";
export {
  type OwnedUpdate,
  type OwnedUpdateResult,
  rememberOwnedFields,
  updateOwnedFields,
} from "./owned-fields.js";
export {
  type DeliveryClients,
  type DeliveryNetSuite,
  type DeliveryPhase,
  type PostDeliveryOptions,
  postDelivery,
  rejectedKeys,
} from "./post-delivery.js";
export {
  closedPeriodsOf,
  type RecognizeRevenueOptions,
  type RevenueEntryOutcome,
  type RevenueProject,
  type RevenueReport,
  recognizeRevenue,
} from "./recognize-revenue.js";
export type {
  ReadFailure,
  StepCounts,
  StepRecordOutcome,
  StepRecordStatus,
  StepReport,
} from "./report.js";
export { reasonOf, StepReportBuilder } from "./step-report.js";
export {
  billedTotals,
  type ProjectBilled,
  type ProjectWip,
  type UnbilledWipOptions,
  unbilledWip,
} from "./unbilled-wip.js";
export { type BillableWork, notBillableReason, workOf } from "./work-value.js";
export {
  PERSON_AMBIGUOUS,
  PERSON_NOT_IN_KANTATA,
  PERSON_NOT_IN_NETSUITE,
  type SyncWorkforceOptions,
  syncWorkforce,
  WORKER_NOT_LISTED,
  type WorkforceSystems,
} from "./workforce.js";
export {
  loadWorkforce,
  type NotPostableReason,
  type PostingAssignment,
  type WorkforceDirectory,
} from "./workforce-directory.js";
