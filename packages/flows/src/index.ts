/**
 * @ledgerline/flows — the steps of the quote-to-cash chain composed over the Ledgerline connectors. Each
 * step is a function over connector clients, a ledger and a policy that returns a {@link StepReport}:
 * idempotent on rerun, resumable after a crash, and every record it receives accounted for.
 * @packageDocumentation
 */

/** Name of this package, as published to npm. */
export const PACKAGE_NAME = "@ledgerline/flows";

export type { StepCounts, StepRecordOutcome, StepRecordStatus, StepReport } from "./report.js";
