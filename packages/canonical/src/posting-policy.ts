import {
  type DimensionMap,
  dimensionLabel,
  lookupDimension,
  missingDimensionCode,
  unmappedDimensionCode,
} from "./dimension-map.js";
import type { DimensionKind } from "./dimensions.js";
import type { BillingTypeValue, ProjectStatusValue } from "./enums.js";
import type { ExpenseLine } from "./expense.js";
import {
  type BusinessImpact,
  createIntegrationException,
  type IntegrationException,
} from "./integration-exception.js";
import type { TimeEntry } from "./time-entry.js";

/** Reason codes of {@link checkPostable}. */
export const POSTING_VIOLATION_CODES = [
  "APPROVAL_REQUIRED",
  "PROJECT_MISMATCH",
  "PROJECT_STATUS_NOT_POSTABLE",
  "PERIOD_CLOSED",
  "BILLING_TYPE_UNKNOWN",
  "BILLABLE_MISMATCH",
  "DIMENSION_MISSING",
  "DIMENSION_UNMAPPED",
] as const;
/** A reason a record may not be posted. */
export type PostingViolationCode = (typeof POSTING_VIOLATION_CODES)[number];

/** One reason a record may not be posted. Messages never contain rates or amounts. */
export interface PostingViolation {
  code: PostingViolationCode;
  message: string;
  /** Dotted path of the field at fault. */
  field: string;
  /** For DIMENSION_* violations, the dimension. */
  dimension?: DimensionKind;
}

/** An accounting period and whether it accepts postings. Dates are inclusive `YYYY-MM-DD`. */
export interface PostingPeriod {
  id?: string;
  start: string;
  end: string;
  status: "open" | "closed";
}

/** What the posting policy needs to know besides the record. */
export interface PostingContext {
  /** The project the record is booked to (status and billing type are checked). */
  project: { key: string; status: ProjectStatusValue; billingType: BillingTypeValue };
  /** Accounting periods of the target; a date in no period counts as closed. */
  periods: readonly PostingPeriod[];
  /** Dimensions that must be present and mapped (default none). For expenses `taxCode` may be listed. */
  requiredDimensions?: readonly DimensionKind[];
  /** Target ids of dimensions; when given, every present dimension must map. */
  dimensionMap?: DimensionMap;
  /** Project status codes that accept postings (default `["active"]`). */
  postableStatuses?: readonly ProjectStatusValue["code"][];
}

/** Result of {@link checkPostable}. */
export interface PostingCheck {
  /** True when there are no violations. */
  postable: boolean;
  /** Every violation, not just the first. */
  violations: PostingViolation[];
}

type Postable = TimeEntry | ExpenseLine;

function dimensionValues(entry: Postable): Partial<Record<DimensionKind, string | undefined>> {
  const values: Partial<Record<DimensionKind, string | undefined>> = { ...(entry.dimensions ?? {}) };
  if ("taxCode" in entry && entry.taxCode !== undefined) values.taxCode = entry.taxCode;
  return values;
}

/**
 * The posting policy for approved time and expenses: returns EVERY violation with a reason code.
 * - `APPROVAL_REQUIRED`: approval state is not `approved` (time and expenses are never posted before).
 * - `PROJECT_MISMATCH`: the context project is not the record's project.
 * - `PROJECT_STATUS_NOT_POSTABLE`: project status not in `postableStatuses` (default only `active`).
 * - `PERIOD_CLOSED`: the record's date is in a closed period, or in none.
 * - `BILLING_TYPE_UNKNOWN`: the project's billing type is `other`, so billability can't be checked.
 * - `BILLABLE_MISMATCH`: billable record on a `non_billable` project.
 * - `DIMENSION_MISSING` / `DIMENSION_UNMAPPED`: a required dimension is absent, or a dimension has no
 *   target id in `dimensionMap`.
 */
export function checkPostable(entry: Postable, context: PostingContext): PostingCheck {
  const violations: PostingViolation[] = [];
  if (entry.approval.state !== "approved") {
    violations.push({
      code: "APPROVAL_REQUIRED",
      field: "approval.state",
      message: `approval state is ${entry.approval.state}; only approved records may be posted`,
    });
  }
  const { project } = context;
  if (project.key !== entry.project.key) {
    violations.push({
      code: "PROJECT_MISMATCH",
      field: "project.key",
      message: "context project is not the record's project",
    });
  }
  const postableStatuses = context.postableStatuses ?? ["active"];
  if (!postableStatuses.includes(project.status.code)) {
    const shown =
      project.status.code === "other" ? `other (${project.status.raw ?? ""})` : project.status.code;
    violations.push({
      code: "PROJECT_STATUS_NOT_POSTABLE",
      field: "project.status",
      message: `project status ${shown} does not accept postings`,
    });
  }
  const period = context.periods.find((p) => p.start <= entry.date && entry.date <= p.end);
  if (period?.status !== "open") {
    violations.push({
      code: "PERIOD_CLOSED",
      field: "date",
      message: period
        ? `posting period ${period.id ?? `${period.start}..${period.end}`} is closed`
        : `no posting period covers ${entry.date}`,
    });
  }
  if (project.billingType.code === "other") {
    violations.push({
      code: "BILLING_TYPE_UNKNOWN",
      field: "project.billingType",
      message: `billing type ${project.billingType.raw ?? ""} is not recognised`,
    });
  } else if (entry.billable && project.billingType.code === "non_billable") {
    violations.push({
      code: "BILLABLE_MISMATCH",
      field: "billable",
      message: "billable record on a non-billable project",
    });
  }
  const values = dimensionValues(entry);
  const required = new Set(context.requiredDimensions ?? []);
  const kinds = new Set<DimensionKind>(required);
  for (const kind of Object.keys(values) as DimensionKind[]) if (values[kind] !== undefined) kinds.add(kind);
  for (const kind of kinds) {
    const code = values[kind];
    const field = kind === "taxCode" ? "taxCode" : `dimensions.${kind}`;
    if (code === undefined || code === "") {
      if (required.has(kind)) {
        violations.push({
          code: "DIMENSION_MISSING",
          field,
          dimension: kind,
          message: `${dimensionLabel(kind)} is required`,
        });
      }
      continue;
    }
    const map = context.dimensionMap;
    if (!map || (!required.has(kind) && map.tables[kind] === undefined)) continue;
    if (lookupDimension(map, kind, code) === undefined) {
      violations.push({
        code: "DIMENSION_UNMAPPED",
        field,
        dimension: kind,
        message: `${dimensionLabel(kind)} ${code} has no ${map.target} id`,
      });
    }
  }
  return { postable: violations.length === 0, violations };
}

/** Options of {@link postingExceptions}. */
export interface PostingExceptionsOptions {
  /** Canonical type name of the record (default: `TimeEntry` when it has minutes, else `ExpenseLine`). */
  type?: string;
  impact?: BusinessImpact;
  correlationId?: string;
  now?: Date;
}

/**
 * Turns posting violations into {@link IntegrationException}s (impact `blocks-cost-posting` by default), so
 * they can be summarised: DIMENSION_* become `MISSING_<KIND>` / `UNMAPPED_<KIND>`, others keep their code.
 */
export function postingExceptions(
  entry: Postable,
  check: PostingCheck,
  options: PostingExceptionsOptions = {},
): IntegrationException[] {
  const type = options.type ?? ("minutes" in entry ? "TimeEntry" : "ExpenseLine");
  return check.violations.map((v) =>
    createIntegrationException({
      code:
        v.code === "DIMENSION_MISSING" && v.dimension
          ? missingDimensionCode(v.dimension)
          : v.code === "DIMENSION_UNMAPPED" && v.dimension
            ? unmappedDimensionCode(v.dimension)
            : v.code,
      impact: options.impact ?? "blocks-cost-posting",
      message: v.message,
      field: v.field,
      record: {
        key: entry.key,
        type,
        system: entry.source.system,
        id: entry.source.id,
        project: entry.project.key,
      },
      ...(options.correlationId === undefined ? {} : { correlationId: options.correlationId }),
      ...(options.now === undefined ? {} : { now: options.now }),
    }),
  );
}
