import { POSTING_VIOLATION_CODES } from "./posting-policy.js";

/**
 * The reason codes a rejected record carries, one per rejection across every Ledgerline package: canonical's
 * posting policy, the connectors' mappers (NetSuite, Kantata, and those to come) and the flows use these
 * codes for these reasons, never a synonym. Schema problems keep zod's lower-case issue codes
 * (`invalid_type`, `too_small` …); vendor refusals keep the vendor's code (NetSuite `o:errorCode`).
 */
export const REASON_CODES = {
  APPROVAL_REQUIRED: "not approved: time and expenses are never posted before approval",
  PROJECT_MISMATCH: "booked to another project than the posting context's",
  PROJECT_STATUS_NOT_POSTABLE: "the project's status does not accept postings (e.g. closed)",
  PERIOD_CLOSED: "no open accounting period covers the date",
  BILLING_TYPE_UNKNOWN: "the project's billing type is not recognised",
  BILLABLE_MISMATCH: "a billable record on a non-billable project",
  NOT_BILLABLE: "the record is not billable where a billable one is required",
  NOT_READY: "the event is not ready (e.g. an invoice event before its milestone is accepted)",
  DIMENSION_MISSING: "a required dimension (cost center, practice, region, legal entity, tax code) is absent",
  DIMENSION_UNMAPPED: "a dimension code has no id in the target system",
  UNMAPPED: "a reference or master-data code (not a dimension) has no id in the target system",
  PRECISION: "an amount cannot be carried exactly (more decimals or digits than allowed)",
  INVALID_DURATION: "a duration is not a whole, positive number of minutes",
  CUSTOMER_ON_HOLD: "the client is on credit hold: no invoice may be raised for it",
  NO_BILLING_MILESTONE: "no billing milestone of the engagement gives the fee a completed milestone bills",
} as const;

/** A reason code of a rejection; see {@link REASON_CODES}. */
export type ReasonCode = keyof typeof REASON_CODES;

/** True if `code` is one of the shared {@link REASON_CODES}. */
export function isReasonCode(code: unknown): code is ReasonCode {
  return typeof code === "string" && Object.hasOwn(REASON_CODES, code);
}

// Every posting-policy code is a shared reason code (checked by the compiler).
POSTING_VIOLATION_CODES satisfies readonly ReasonCode[];
