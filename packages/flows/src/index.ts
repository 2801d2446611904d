/**
 * @ledgerline/flows — the steps of the quote-to-cash chain composed over the Ledgerline connectors. Each
 * step is a function over connector clients, a ledger and a policy that returns a {@link StepReport}:
 * idempotent on rerun, resumable after a crash, and every record it receives accounted for.
 * @packageDocumentation
 */

/** Name of this package, as published to npm. */
export const PACKAGE_NAME = "@ledgerline/flows";

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
  type DateRange,
  DELIVERY_READS,
  type DeliveryPsa,
  type DeliverySnapshot,
  type ExpenseSubmissionCounts,
  enrichWork,
  type ReadDeliveryOptions,
  type ResourceDirectory,
  type ResourceFacts,
  readDeliverySnapshot,
  type UnreadableRecord,
} from "./delivery-snapshot.js";
export {
  type DeliveryClients,
  type DeliveryNetSuite,
  type DeliveryPhase,
  type PostDeliveryOptions,
  postDelivery,
  rejectedKeys,
} from "./post-delivery.js";
export type {
  ReadFailure,
  StepCounts,
  StepRecordOutcome,
  StepRecordStatus,
  StepReport,
} from "./report.js";
