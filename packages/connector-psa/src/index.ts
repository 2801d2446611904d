/**
 * @ledgerline/connector-psa — Kantata OX (formerly Mavenlink) API v1: a typed client on
 * `@ledgerline/core`, envelope walking, paged and incremental (checkpointed) reads, and pure mappers to
 * `@ledgerline/canonical`. The stateful fake lives in `@ledgerline/connector-psa/testing`.
 * @packageDocumentation
 */

/** Name of this package, as published to npm. */
export const PACKAGE_NAME = "@ledgerline/connector-psa";

// Canonical reads
export { type CanonicalSyncPage, readCanonical, syncCanonical } from "./canonical-reads.js";
export {
  CheckpointCursor,
  initialCheckpoint,
  parseCheckpoint,
  type SyncCheckpoint,
  type Versioned,
} from "./checkpoint.js";
// Client
export {
  createPsaClient,
  KANTATA_BASE_URL,
  KANTATA_SENSITIVE_FIELDS,
  type PsaAuth,
  type PsaClient,
  type PsaClientConfig,
  type ReadOptions,
} from "./client.js";
// Envelope, paging, incremental sync
export { type Included, includedOf, type WalkedRecord, walkEnvelope } from "./envelope.js";
export { type ExternalReferenceInput, upsertExternalReference } from "./external-references.js";
// Vendor types (generated from openapi/kantata.yaml)
export type { components, operations, paths } from "./generated/kantata.js";
export { type SyncOptions, type SyncPage, syncPages } from "./incremental.js";
export { parseKantataError } from "./kantata-error.js";
export {
  KANTATA_KEYS,
  type KantataAssignment,
  type KantataEnvelope,
  type KantataErrorBody,
  type KantataExpense,
  type KantataExpenseReportSubmission,
  type KantataExternalReference,
  type KantataKey,
  type KantataMeta,
  type KantataOrganization,
  type KantataRecordTypes,
  type KantataStory,
  type KantataTimeEntry,
  type KantataTimesheetSubmission,
  type KantataUser,
  type KantataWorkspace,
  type KantataWorkspaceGroup,
  type KantataWorkspaceResource,
} from "./kantata-types.js";
// Mappers (pure)
export { type ExpenseSubmissionIds, expenseApproval, kantataApproval } from "./mappers/approval.js";
export { toClient } from "./mappers/client.js";
export { type ExpenseContext, toBillableExpense, toExpenseLine } from "./mappers/expense.js";
export { type MilestoneContext, toMilestone } from "./mappers/milestone.js";
export { moneyFromCents } from "./mappers/money.js";
export { type ProjectContext, toProject } from "./mappers/project.js";
export { type ResourceOptions, toResource } from "./mappers/resource.js";
export { KANTATA_SYSTEM, kantataKey, kantataOrigin, kantataRef, UNKNOWN_INSTANT } from "./mappers/source.js";
export { type TimeEntryContext, toTimeEntry } from "./mappers/time-entry.js";
export { type KantataQuery, MAX_PER_PAGE, type PageFetcher } from "./page-fetcher.js";
export {
  checkPerPage,
  isLastPage,
  type KantataPage,
  metaOf,
  type PaginateOptions,
  paginate,
} from "./paginate.js";
export { asValidationError, type PsaRead, readAs } from "./psa-read.js";
export {
  approvedTimeEntryStream,
  billableExpenseStream,
  type CanonicalStream,
  clientStream,
  type ExpenseFilters,
  expenseStream,
  type MilestoneStreamOptions,
  milestoneStream,
  type ProjectRelated,
  type ProjectStreamOptions,
  projectStream,
  type RelatedRecords,
  resourceStream,
  type TimeEntryFilters,
  timeEntryStream,
  type WorkFilters,
} from "./streams.js";
