/**
 * @ledgerline/canonical — the professional-services canonical model (zod v4): records, exact money and
 * durations, canonical keys, posting policy, dimension mapping, integration exceptions, reconciliation and
 * JSON Schema export.
 * @packageDocumentation
 */

/** Name of this package, as published to npm. */
export const PACKAGE_NAME = "@ledgerline/canonical";

export {
  APPROVAL_STATES,
  type Approval,
  ApprovalSchema,
  type ApprovalState,
  ApprovedApprovalSchema,
  normalizeApprovalState,
} from "./approval.js";
export { type BillingMilestone, BillingMilestoneSchema } from "./billing-milestone.js";
export {
  CANONICAL_KEY_MAX_LENGTH,
  CANONICAL_KEY_PATTERN,
  CanonicalKeySchema,
  canonicalKey,
  isCanonicalKey,
} from "./canonical-key.js";
export { type Client, ClientSchema } from "./client.js";
export { type ClientHierarchyOrder, orderClientHierarchy } from "./client-hierarchy.js";
export {
  CURRENCY_EXPONENTS,
  type CurrencyCode,
  CurrencyCodeSchema,
  currencyExponent,
  isCurrencyCode,
} from "./currency.js";
export { DECIMAL_PATTERN, ROUNDING_MODES, type RoundingMode } from "./decimal.js";
export {
  type DimensionMap,
  type DimensionMappingResult,
  type DimensionTable,
  type DimensionValues,
  dimensionLabel,
  lookupDimension,
  type MapDimensionsOptions,
  mapDimensions,
  missingDimensionCode,
  reverseLookupDimension,
  unmappedDimensionCode,
} from "./dimension-map.js";
export { DIMENSION_KINDS, type DimensionKind, type Dimensions, DimensionsSchema } from "./dimensions.js";
export {
  DurationError,
  decimalHoursToMinutes,
  formatHoursMinutes,
  type HoursOptions,
  MinutesSchema,
  minutesToDecimalHours,
  parseHoursMinutes,
} from "./duration.js";
export {
  type BillingTerms,
  BillingTermsSchema,
  type Engagement,
  EngagementSchema,
  INVOICE_FREQUENCIES,
} from "./engagement.js";
export {
  BillingType,
  type BillingTypeValue,
  LaborCategory,
  type LaborCategoryValue,
  ProjectStatus,
  type ProjectStatusValue,
  RevenueTreatment,
  type RevenueTreatmentValue,
} from "./enums.js";
export {
  EXCEPTION_CODE_DESCRIPTIONS,
  type ExceptionGroup,
  type ExceptionSummary,
  type SummarizeOptions,
  summarizeExceptions,
} from "./exception-summary.js";
export {
  type BillableExpense,
  BillableExpenseSchema,
  type ExpenseLine,
  ExpenseLineSchema,
} from "./expense.js";
export {
  checkFieldOwnership,
  DEFAULT_FIELD_OWNERSHIP,
  FIELD_OWNERSHIP_CONFLICT,
  type FieldChange,
  type FieldOwnershipCheck,
  type FieldOwnershipResult,
  type FieldOwnershipTable,
  fieldOwner,
  type OwnedField,
  type OwnedObject,
  type OwnedObjects,
  type OwnerSystem,
} from "./field-ownership.js";
export {
  BUSINESS_IMPACTS,
  type BusinessImpact,
  createIntegrationException,
  defaultImpact,
  type ExceptionRecord,
  ExceptionRecordSchema,
  exceptionAgeMs,
  exceptionId,
  type IntegrationException,
  type IntegrationExceptionInput,
  IntegrationExceptionSchema,
  mergeExceptions,
} from "./integration-exception.js";
export {
  INVOICE_EVENT_KINDS,
  INVOICE_EVENT_STATUSES,
  INVOICE_LINE_KINDS,
  type InvoiceEvent,
  InvoiceEventSchema,
  type InvoiceLine,
  InvoiceLineSchema,
} from "./invoice-event.js";
export {
  type JournalEntry,
  JournalEntrySchema,
  type JournalLine,
  JournalLineSchema,
} from "./journal-entry.js";
export {
  canonicalJsonSchema,
  canonicalJsonSchemas,
  JSON_SCHEMA_BASE_URI,
  JSON_SCHEMA_NAMES,
  type JsonSchemaDocument,
  type JsonSchemaName,
  SCHEMA_VERSION,
} from "./json-schema.js";
export {
  type CostCenter,
  CostCenterSchema,
  type Currency,
  CurrencySchema,
  type LegalEntity,
  LegalEntitySchema,
  type Practice,
  PracticeSchema,
  type RateCard,
  RateCardLineSchema,
  RateCardSchema,
  type Region,
  RegionSchema,
  type TaxCode,
  TaxCodeSchema,
} from "./master-data.js";
export { MILESTONE_STATES, type Milestone, MilestoneSchema } from "./milestone.js";
export {
  addMoney,
  allocateMoney,
  type ConvertOptions,
  compareMoney,
  convertMoney,
  fromMinorUnits,
  isZeroMoney,
  type Money,
  MoneyError,
  type MoneyErrorCode,
  MoneySchema,
  money,
  moneyEquals,
  multiplyMoney,
  negateMoney,
  type RoundingOptions,
  rateTimesDuration,
  subtractMoney,
  sumMoney,
  toMinorUnits,
  zeroMoney,
} from "./money.js";
export {
  type CanonicalParseResult,
  parseApprovedTimeEntry,
  parseBillableExpense,
  parseCanonical,
  parseClient,
  parseCostCenter,
  parseCurrency,
  parseEngagement,
  parseExpenseLine,
  parseInvoiceEvent,
  parseJournalEntry,
  parseLegalEntity,
  parseMilestone,
  parsePractice,
  parseProject,
  parseProjectTask,
  parseRateCard,
  parseRegion,
  parseResource,
  parseResourceAssignment,
  parseRevenueSchedule,
  parseTaxCode,
  parseTimeEntry,
  safeParseCanonical,
} from "./parse.js";
export { nextPeriod, PERIOD_PATTERN, PeriodSchema, periodEnd, periodOf } from "./period.js";
export {
  CLOSE_MEASURES,
  type CloseAmounts,
  type CloseCheck,
  type CloseComputation,
  type CloseMeasure,
  type CloseTolerance,
  type CloseTolerances,
  type CloseTotals,
  computeClose,
  type ProjectClose,
  type ProjectCloseInput,
} from "./period-close.js";
export {
  checkPostable,
  POSTING_VIOLATION_CODES,
  type PostingCheck,
  type PostingContext,
  type PostingExceptionsOptions,
  type PostingPeriod,
  type PostingViolation,
  type PostingViolationCode,
  postingExceptions,
} from "./posting-policy.js";
export { type Project, ProjectSchema } from "./project.js";
export { type ProjectTask, ProjectTaskSchema, TASK_STATES } from "./project-task.js";
export { isReasonCode, REASON_CODES, type ReasonCode } from "./reason-codes.js";
export {
  type BucketTotals,
  defaultReconcileFields,
  type FieldDifference,
  type MatchedPair,
  type MismatchedPair,
  type PairTotals,
  type ProjectReconciliation,
  type ReconcileField,
  type ReconcileOptions,
  type Reconciliation,
  reconcile,
  reconciliationHeadlines,
  type Totals,
} from "./reconcile.js";
export { recordFields } from "./record.js";
export { CodeSchema, type Ref, RefSchema } from "./ref.js";
export { RESOURCE_KINDS, type Resource, ResourceSchema } from "./resource.js";
export { type ResourceAssignment, ResourceAssignmentSchema } from "./resource-assignment.js";
export {
  planRevenuePostings,
  type RevenueAccounts,
  type RevenueJournalInput,
  type RevenuePosting,
  type RevenuePostingPlanInput,
  revenueJournalEntry,
  revenueJournalKey,
} from "./revenue-posting.js";
export {
  computeRevenueSchedule,
  REVENUE_LINE_STATUSES,
  type RevenueDelivery,
  type RevenueLine,
  RevenueLineSchema,
  type RevenueMethod,
  type RevenueSchedule,
  type RevenueScheduleInput,
  RevenueScheduleSchema,
  revenueMethodOf,
} from "./revenue-schedule.js";
export { CANONICAL_SCHEMAS, CANONICAL_TYPE_NAMES, type CanonicalTypeName } from "./schemas.js";
export { SENSITIVE_FIELDS } from "./sensitive-fields.js";
export {
  EXCEPTION_AGE_BUCKETS,
  exceptionAging,
  type LatencyFigures,
  latencyFigures,
  percentile,
  type SuccessRate,
  successRate,
} from "./sla.js";
export { InstantSchema, IsoDateSchema, type SourceRef, SourceRefSchema } from "./source.js";
export {
  type ApprovedTimeEntry,
  ApprovedTimeEntrySchema,
  isApprovedTimeEntry,
  type TimeEntry,
  TimeEntrySchema,
} from "./time-entry.js";
export { type TolerantEnum, type TolerantValue, tolerantEnum } from "./tolerant-enum.js";
export {
  type CanonicalIssue,
  type CanonicalIssueInput,
  CanonicalValidationError,
  formatPath,
} from "./validation-error.js";
