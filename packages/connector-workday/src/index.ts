/**
 * `@ledgerline/connector-workday`: Workday workers, cost centers, companies and supervisory organizations
 * into Ledgerline's canonical model — REST reads with paging, RaaS reports, refresh-token auth.
 * @packageDocumentation
 */

/** Name of this package, as published to npm. */
export const PACKAGE_NAME = "@ledgerline/connector-workday";

export {
  createWorkdayClient,
  type ReadOptions,
  WORKDAY_SENSITIVE_FIELDS,
  type WorkdayAuth,
  type WorkdayClient,
  type WorkdayClientConfig,
  type WorkdayService,
} from "./client.js";
export type { components, operations, paths } from "./generated/workday.js";
export {
  type LegalEntityOptions,
  type OrganizationOptions,
  toCostCenter,
  toLegalEntity,
  toPractice,
} from "./mappers/organization.js";
export {
  type MappedResource,
  MISSING_COST_CENTER,
  missingCostCenterHeadline,
  type ResourceOptions,
  toResource,
} from "./mappers/resource.js";
export { UNKNOWN_INSTANT, WORKDAY_SYSTEM, workdayKey, workdayOrigin, workdayRef } from "./mappers/source.js";
export { type SyncChangedOptions, type SyncReport, syncChanged } from "./operations/sync.js";
export {
  checkEnvelope,
  checkLimit,
  MAX_LIMIT,
  type PageFetcher,
  type PaginateOptions,
  paginate,
  type WorkdayQuery,
} from "./paginate.js";
export { type ReportOptions, type ReportRow, reportRows } from "./raas.js";
export { parseWorkdayError } from "./workday-error.js";
export { asValidationError, readAs, type WorkdayRead } from "./workday-read.js";
export {
  WID_PATTERN,
  type WorkdayCollection,
  type WorkdayCollections,
  type WorkdayError,
  type WorkdayErrorList,
  type WorkdayInstance,
  type WorkdayJob,
  type WorkdayOrganization,
  type WorkdayPage,
  type WorkdayPrimaryJob,
  type WorkdayWorker,
} from "./workday-types.js";
