/**
 * @ledgerline/flows — the steps of the quote-to-cash chain composed over the Ledgerline connectors. Each
 * step is a function over connector clients, a ledger and a policy that returns a {@link StepReport}:
 * idempotent on rerun, resumable after a crash, and every record it receives accounted for.
 * @packageDocumentation
 */

/** Name of this package, as published to npm. */
export const PACKAGE_NAME = "@ledgerline/flows";

export type { BillingPositions, ProjectBillingPosition } from "./billing-positions.js";
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
export { type AgedException, ExceptionStore, type StoredException } from "./exception-store.js";
export { type CloseReportView, renderCloseReport, writeCloseReport } from "./html-report.js";
export { LedgerJsonStore } from "./ledger-store.js";
export {
  closedPeriodsOf,
  type RecognizeRevenueOptions,
  type RevenueEntryOutcome,
  type RevenueProject,
  type RevenueReport,
  recognizeRevenue,
} from "./recognize-revenue.js";
export type { StepCounts, StepRecordOutcome, StepRecordStatus, StepReport } from "./report.js";
