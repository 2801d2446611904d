/**
 * `@ledgerline/connector-netsuite` — NetSuite SuiteTalk REST for Ledgerline: a typed client generated from
 * `openapi/netsuite.yaml`, OAuth 2.0 M2M and TBA, NetSuite error bodies as typed errors, adaptive
 * concurrency, canonical operations by external-id upsert (single or async batch) through the ledger, and
 * SuiteQL. The stateful fake is in `@ledgerline/connector-netsuite/testing`.
 * @packageDocumentation
 */

/** Name of this package, as published to npm. */
export const PACKAGE_NAME = "@ledgerline/connector-netsuite";

export {
  createNetSuiteAuth,
  type NetSuiteAuth,
  type NetSuiteCustomAuth,
  type NetSuiteJwtAlgorithm,
  type NetSuiteNoAuth,
  type NetSuiteOAuth2M2M,
  type NetSuiteTokenBasedAuth,
} from "./auth.js";
export {
  type BatchItemOutcome,
  type BatchJobOptions,
  COLLECTION_CONTENT_TYPE,
  MAX_BATCH_SIZE,
  runBatchUpsert,
} from "./batch.js";
export { createNetSuiteClient, type NetSuiteClient, type NetSuiteClientConfig } from "./client.js";
export {
  type AccountOptions,
  type NetSuiteAccount,
  type NetSuiteEnvironment,
  resolveAccount,
} from "./config.js";
export { type NetSuiteErrorBody, type NetSuiteErrorDetail, parseErrorBody } from "./error-body.js";
export { BatchJobError, NETSUITE_ERROR_CODES, parseNetSuiteError, SuiteQLRowLimitError } from "./errors.js";
export type { components, operations, paths } from "./generated/netsuite.js";
export type { MapContext, NetSuiteMasterData, NetSuiteRef, RefResolver } from "./mappers/context.js";
export { type CustomerBody, toCustomer } from "./mappers/customer.js";
export { type ExpenseLineBody, type ExpenseReportBody, toExpenseReport } from "./mappers/expense-report.js";
export { type InvoiceBody, toInvoice } from "./mappers/invoice.js";
export { type JobBody, toJob } from "./mappers/job.js";
export { type JournalEntryBody, toJournalEntry } from "./mappers/journal-entry.js";
export { fromTimeBillRow, type TimeBillRow } from "./mappers/posted-time.js";
export { type TimeBillBody, toTimeBill } from "./mappers/time-bill.js";
export type { AccountingPeriod } from "./operations/accounting-periods.js";
export {
  listDepartments,
  listEmployees,
  listSubsidiaries,
  type NetSuiteMasterRecord,
} from "./operations/master-records.js";
export type { NetSuiteRecordResult, PostOptions, PostReport } from "./operations/post-records.js";
export type { ListPostedTimeOptions, PostedTimeRejection } from "./operations/posted-time.js";
export type { PostingPolicy } from "./operations/posting-policy.js";
export type { HeldJournalEntry } from "./operations/read-journal-entry.js";
export { internalIdFromUrl, type WritableRecordType } from "./record-types.js";
export {
  createSuiteQL,
  SUITEQL_ROW_LIMIT,
  type SuiteQL,
  type SuiteQLOptions,
  type SuiteQLPageResult,
  type SuiteQLRow,
} from "./suiteql.js";
export { type SuiteQLParam, type SuiteQLStatement, sql, statement } from "./suiteql-statement.js";
export { type UpsertOptions, upsertByExternalId } from "./upsert.js";
