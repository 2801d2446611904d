import { formatHoursMinutes } from "./duration.js";
import {
  BUSINESS_IMPACTS,
  type BusinessImpact,
  exceptionAgeMs,
  exceptionId,
  type IntegrationException,
} from "./integration-exception.js";
import { fromMinorUnits, type Money, toMinorUnits } from "./money.js";

/** Plural phrases describing exception codes in headlines ("missing tax codes"). Extend per integration. */
export const EXCEPTION_CODE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  UNMAPPED_TAX_CODE: "missing tax codes",
  UNMAPPED_COST_CENTER: "missing cost center mappings",
  UNMAPPED_PRACTICE: "missing practice mappings",
  UNMAPPED_REGION: "missing region mappings",
  UNMAPPED_LEGAL_ENTITY: "missing legal entity mappings",
  MISSING_TAX_CODE: "records without a tax code",
  MISSING_COST_CENTER: "records without a cost center",
  MISSING_PRACTICE: "records without a practice",
  MISSING_REGION: "records without a region",
  MISSING_LEGAL_ENTITY: "records without a legal entity",
  APPROVAL_REQUIRED: "missing approvals",
  PROJECT_MISMATCH: "project mismatches",
  PROJECT_STATUS_NOT_POSTABLE: "project statuses that do not accept postings",
  PERIOD_CLOSED: "closed posting periods",
  BILLING_TYPE_UNKNOWN: "unrecognised billing types",
  BILLABLE_MISMATCH: "billable flags inconsistent with the billing type",
  VALIDATION_FAILED: "invalid data",
  CLIENT_HIERARCHY_CYCLE: "cycles in the customer hierarchy",
  EDITED_AFTER_APPROVAL: "edits after approval",
  CUSTOMER_ON_HOLD: "clients on credit hold",
  NO_BILLING_MILESTONE: "milestones without a billing milestone",
};

const NOUNS: Readonly<Record<string, [string, string]>> = {
  InvoiceEvent: ["invoice", "invoices"],
  TimeEntry: ["time entry", "time entries"],
  ApprovedTimeEntry: ["time entry", "time entries"],
  ExpenseLine: ["expense", "expenses"],
  BillableExpense: ["expense", "expenses"],
  RevenueSchedule: ["revenue schedule", "revenue schedules"],
  Milestone: ["milestone", "milestones"],
  Project: ["project", "projects"],
  ProjectTask: ["task", "tasks"],
  Client: ["client", "clients"],
  Engagement: ["engagement", "engagements"],
  Resource: ["resource", "resources"],
  ResourceAssignment: ["assignment", "assignments"],
};

/** Exceptions sharing impact, code, record type and subject. */
export interface ExceptionGroup {
  impact: BusinessImpact;
  code: string;
  recordType: string;
  /** The exceptions' common `subject` (`cost center CC-450 (Data & AI Lab)`), when they carry one. */
  subject?: string;
  /** Total minutes of the distinct records, when any exception carries minutes. */
  minutes?: number;
  /** Exact totals per currency of the distinct records' amounts (sorted by currency), when any carries one. */
  amounts?: Money[];
  /** Distinct people concerned (`record.resource`), when any exception names one. */
  people?: number;
  /** Distinct records affected. */
  count: number;
  /** Total occurrences (an exception seen in several runs counts each time). */
  occurrences: number;
  /** Canonical keys of the affected records, sorted. */
  records: string[];
  /** Canonical keys of the projects concerned, sorted. */
  projects: string[];
  /** Earliest first-seen instant of the group. */
  oldestFirstSeen: string;
  /** Age of the oldest exception in the group, in milliseconds. */
  maxAgeMs: number;
  /**
   * One line for a report: "3 invoices blocked by missing tax codes", with the subject and the totals when
   * there are any: "532 time entries blocked by missing cost center mappings: cost center CC-450 (133:00 h, 12 people)".
   */
  headline: string;
}

/** Output of {@link summarizeExceptions}. */
export interface ExceptionSummary {
  /** Distinct exceptions (same code on the same record counted once). */
  total: number;
  /** Distinct exceptions per impact (every impact present, zero when none). */
  byImpact: Record<BusinessImpact, number>;
  /** Groups ordered by impact (billing, cost posting, revenue, data quality), then count, then code. */
  groups: ExceptionGroup[];
}

/** Options of {@link summarizeExceptions}. */
export interface SummarizeOptions {
  /** Current time for ages (default `new Date()`). */
  now?: Date;
  /** Extra code descriptions, merged over {@link EXCEPTION_CODE_DESCRIPTIONS}. */
  descriptions?: Readonly<Record<string, string>>;
}

function describe(code: string, extra?: Readonly<Record<string, string>>): string {
  if (extra && Object.hasOwn(extra, code)) return extra[code] as string;
  if (Object.hasOwn(EXCEPTION_CODE_DESCRIPTIONS, code)) return EXCEPTION_CODE_DESCRIPTIONS[code] as string;
  return code.toLowerCase().replace(/_/g, " ");
}

function noun(type: string, count: number): string {
  const pair = Object.hasOwn(NOUNS, type) ? NOUNS[type] : undefined;
  if (pair) return count === 1 ? pair[0] : pair[1];
  return count === 1 ? `${type} record` : `${type} records`;
}

interface GroupBuilder extends ExceptionGroup {
  recordSet: Set<string>;
  projectSet: Set<string>;
  peopleSet: Set<string>;
  minuteSum: number | undefined;
  minor: Map<string, bigint>;
}

function totalsText(group: ExceptionGroup): string {
  const parts: string[] = [];
  if (group.minutes !== undefined) parts.push(`${formatHoursMinutes(group.minutes)} h`);
  if (group.amounts) parts.push(group.amounts.map((m) => `${m.currency} ${m.amount}`).join(" + "));
  if (group.people !== undefined) parts.push(`${group.people} ${group.people === 1 ? "person" : "people"}`);
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`;
}

/**
 * Groups exceptions by business impact, code, record type and subject so a report can say
 * "3 invoices blocked by missing tax codes" or "12 time entries blocked by missing cost center mappings:
 * cost center CC-450 (41:15 h, 3 people)". Duplicates (same code, same record) are counted once, and so are
 * their minutes and amounts: totals are exact (integer minutes, money in minor units per currency).
 * @throws MoneyError when an exception's `amount` is not valid Money (parse exceptions first)
 */
export function summarizeExceptions(
  exceptions: Iterable<IntegrationException>,
  options: SummarizeOptions = {},
): ExceptionSummary {
  const now = options.now ?? new Date();
  const seen = new Set<string>();
  const groups = new Map<string, GroupBuilder>();
  const byImpact = Object.fromEntries(BUSINESS_IMPACTS.map((i) => [i, 0])) as Record<BusinessImpact, number>;
  let total = 0;
  for (const ex of exceptions) {
    const groupKey = JSON.stringify([ex.impact, ex.code, ex.record.type, ex.subject ?? null]);
    let group = groups.get(groupKey);
    if (!group) {
      group = {
        impact: ex.impact,
        code: ex.code,
        recordType: ex.record.type,
        ...(ex.subject === undefined ? {} : { subject: ex.subject }),
        count: 0,
        occurrences: 0,
        records: [],
        projects: [],
        oldestFirstSeen: ex.firstSeen,
        maxAgeMs: 0,
        headline: "",
        recordSet: new Set(),
        projectSet: new Set(),
        peopleSet: new Set(),
        minuteSum: undefined,
        minor: new Map(),
      };
      groups.set(groupKey, group);
    }
    group.occurrences += ex.occurrences;
    if (ex.firstSeen < group.oldestFirstSeen) group.oldestFirstSeen = ex.firstSeen;
    group.maxAgeMs = Math.max(group.maxAgeMs, exceptionAgeMs(ex, now));
    if (ex.record.project !== undefined) group.projectSet.add(ex.record.project);
    const id = `${ex.impact}|${exceptionId(ex)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    total++;
    byImpact[ex.impact] = (byImpact[ex.impact] ?? 0) + 1;
    group.recordSet.add(ex.record.key);
    if (ex.record.resource !== undefined) group.peopleSet.add(ex.record.resource);
    if (ex.minutes !== undefined) group.minuteSum = (group.minuteSum ?? 0) + ex.minutes;
    if (ex.amount !== undefined) {
      const currency = ex.amount.currency;
      group.minor.set(currency, (group.minor.get(currency) ?? 0n) + toMinorUnits(ex.amount));
    }
  }
  const order = (impact: BusinessImpact) => BUSINESS_IMPACTS.indexOf(impact);
  const out: ExceptionGroup[] = [...groups.values()].map((builder) => {
    const { recordSet, projectSet, peopleSet, minuteSum, minor, ...group } = builder;
    const count = recordSet.size;
    const verb = group.impact === "data-quality" ? "flagged for" : "blocked by";
    const result: ExceptionGroup = {
      ...group,
      count,
      records: [...recordSet].sort(),
      projects: [...projectSet].sort(),
    };
    if (minuteSum !== undefined) result.minutes = minuteSum;
    if (minor.size > 0) {
      result.amounts = [...minor]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, sum]) => fromMinorUnits(sum, currency));
    }
    if (peopleSet.size > 0) result.people = peopleSet.size;
    const subject = group.subject === undefined ? "" : `: ${group.subject}`;
    result.headline = `${count} ${noun(group.recordType, count)} ${verb} ${describe(group.code, options.descriptions)}${subject}${totalsText(result)}`;
    return result;
  });
  out.sort(
    (a, b) =>
      order(a.impact) - order(b.impact) ||
      b.count - a.count ||
      a.code.localeCompare(b.code) ||
      (a.subject ?? "").localeCompare(b.subject ?? ""),
  );
  return { total, byImpact, groups: out };
}
