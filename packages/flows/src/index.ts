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
export type { BilledInvoice, BillingReport, SkippedWork } from "./billing-report.js";
export type { BillingDeps } from "./invoice-writer.js";
export type { StepCounts, StepRecordOutcome, StepRecordStatus, StepReport } from "./report.js";
export {
  billedTotals,
  type ProjectBilled,
  type ProjectWip,
  type UnbilledWipOptions,
  unbilledWip,
} from "./unbilled-wip.js";
export { type BillableWork, notBillableReason, workOf } from "./work-value.js";
