/**
 * Field names of canonical records that hold rates or pay: hand them to a redactor (e.g. core's
 * `sensitiveFields`) so they never reach a log or an error message.
 */
export const SENSITIVE_FIELDS: readonly string[] = [
  "billRate",
  "costRate",
  "defaultBillRate",
  "ratePerHour",
  "costRatePerHour",
];
