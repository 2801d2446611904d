/** Name of this package, as published to npm. */
export const PACKAGE_NAME = "@ledgerline/connector-salesforce";

export { ApiBudget, type ApiUsage, parseLimitInfo } from "./budget.js";
export {
  type CompositeAnswer,
  type CompositeSubrequest,
  createSalesforceClient,
  DEFAULT_API_VERSION,
  type OpportunityLink,
  type QueryResult,
  type SalesforceAuth,
  type SalesforceClient,
  type SalesforceClientConfig,
  type SObjectRecord,
  type WriteBackOptions,
} from "./client.js";
export { type DescribeTypes, generateDescribeTypes } from "./describe-codegen.js";
export {
  NON_RETRYABLE_CODES,
  parseSalesforceError,
  readSalesforceErrors,
  SALESFORCE_ERROR_CODES,
  type SalesforceApiError,
  SalesforceBudgetError,
} from "./errors.js";
export type {
  components as SalesforceComponents,
  operations as SalesforceOperations,
  paths as SalesforcePaths,
} from "./generated/salesforce.js";
export {
  type EngagementLine,
  type EngagementMilestone,
  readAs,
  type SalesforceEngagement,
  type SalesforceMapOptions,
  type SalesforceRead,
  toClient,
  toEngagement,
} from "./mappers/mappers.js";
export { type ClosedWonDeal, type ClosedWonOptions, readClosedWon } from "./operations/closed-won.js";
export {
  type BulkOptions,
  COLLECTION_SIZE,
  type UpsertOptions,
  type UpsertRecordResult,
  type UpsertReport,
} from "./operations/upsert-records.js";
export {
  escapeSoqlString,
  SoqlDate,
  SoqlStatement,
  type SoqlValue,
  soql,
  soqlDate,
} from "./soql.js";
