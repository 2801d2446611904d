import { formatHoursMinutes } from "./duration.js";
import { fromMinorUnits, type Money, toMinorUnits } from "./money.js";

/** Exact totals of a set of records: count, whole minutes and money per currency. */
export interface Totals {
  count: number;
  minutes: number;
  /** Currency → exact decimal total, e.g. `{ USD: "1250.00" }`. */
  amounts: Record<string, string>;
}

/** Totals of both sides of a bucket that pairs records. */
export interface PairTotals {
  source: Totals;
  target: Totals;
}

/** Totals of every bucket. Source = matched + mismatched + missingInTarget + duplicateInSource (likewise target). */
export interface BucketTotals {
  matched: PairTotals;
  mismatched: PairTotals;
  missingInTarget: Totals;
  missingInSource: Totals;
  duplicateInSource: Totals;
  duplicateInTarget: Totals;
}

/** Reconciliation of one project. */
export interface ProjectReconciliation {
  /** Project key (`"(none)"` for records without a project). */
  project: string;
  source: Totals;
  target: Totals;
  buckets: BucketTotals;
  /** Target minus source. */
  difference: { minutes: number; amounts: Record<string, string> };
  /** Of this project's records missing in the target, how many `isExplained` accepts (0 without it). */
  explained: number;
}

/** One field that differs between the two sides. Money and minute differences carry `delta` (target − source). */
export interface FieldDifference {
  field: string;
  source: unknown;
  target: unknown;
  /** Minutes: integer; money: exact Money (same currency only). */
  delta?: number | Money;
}

/** A record found on both sides. */
export interface MatchedPair<R> {
  key: string;
  source: R;
  target: R;
}

/** A record found on both sides with differing fields. */
export interface MismatchedPair<R> extends MatchedPair<R> {
  differences: FieldDifference[];
}

/** Result of {@link reconcile}. Every input record lands in exactly one bucket. */
export interface Reconciliation<R> {
  matched: MatchedPair<R>[];
  mismatched: MismatchedPair<R>[];
  /** In the source (e.g. PSA approved time) but not in the target (e.g. not posted to NetSuite). */
  missingInTarget: R[];
  /** In the target but not in the source. */
  missingInSource: R[];
  /** Second and later records with an already-seen key on the source side. */
  duplicateInSource: R[];
  duplicateInTarget: R[];
  /**
   * Of `missingInTarget`, how many records `isExplained` accepts (e.g. held back for a known reason: closed
   * project, unmapped cost center). The rest are unexplained gaps. 0 without `isExplained`.
   */
  explained: number;
  totals: { source: Totals; target: Totals; buckets: BucketTotals };
  /** Per project, sorted by project key. */
  byProject: ProjectReconciliation[];
}

/** A compared field. */
export interface ReconcileField<R> {
  name: string;
  /** `minutes` and `money` differences carry a delta; `value` compares by value. Default `value`. */
  kind?: "minutes" | "money" | "value";
  get: (record: R) => unknown;
}

/** Options of {@link reconcile}. */
export interface ReconcileOptions<R> {
  /** Matching key (default `record.key`, the canonical key). */
  keyOf?: (record: R) => string;
  /** Project of a record (default `record.project.key`). */
  projectOf?: (record: R) => string | undefined;
  /** Minutes counted in totals (default `record.minutes` when it is an integer). */
  minutesOf?: (record: R) => number | undefined;
  /** Money counted in totals (default `record.amount` when it is Money), e.g. `rateTimesDuration(...)`. */
  amountOf?: (record: R) => Money | undefined;
  /**
   * Fields compared on matched keys (default: minutes, amount, date, billable, project, task, resource).
   */
  fields?: readonly ReconcileField<R>[];
  /**
   * True for a source record whose absence in the target has a known reason (the flow rejected it on
   * purpose and raised an exception). Counted in `explained`, overall and per project.
   */
  isExplained?: (record: R) => boolean;
}

type Loose = Record<string, unknown>;

function prop(record: unknown, name: string): unknown {
  return record !== null && typeof record === "object" ? (record as Loose)[name] : undefined;
}

function refKey(record: unknown, name: string): unknown {
  return prop(prop(record, name), "key");
}

function isMoney(value: unknown): value is Money {
  return typeof prop(value, "amount") === "string" && typeof prop(value, "currency") === "string";
}

function defaultMinutes(record: unknown): number | undefined {
  const m = prop(record, "minutes");
  return Number.isSafeInteger(m) ? (m as number) : undefined;
}

function defaultAmount(record: unknown): Money | undefined {
  const a = prop(record, "amount");
  return isMoney(a) ? a : undefined;
}

/** The default compared fields. */
export function defaultReconcileFields<R>(
  amountOf: (record: R) => Money | undefined = defaultAmount,
): ReconcileField<R>[] {
  return [
    { name: "minutes", kind: "minutes", get: (r) => defaultMinutes(r) },
    { name: "amount", kind: "money", get: (r) => amountOf(r) },
    { name: "date", get: (r) => prop(r, "date") },
    { name: "billable", get: (r) => prop(r, "billable") },
    { name: "project", get: (r) => refKey(r, "project") },
    { name: "task", get: (r) => refKey(r, "task") },
    { name: "resource", get: (r) => refKey(r, "resource") },
  ];
}

function stable(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? String(value);
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  const entries = Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable((value as Loose)[k])}`);
  return `{${entries.join(",")}}`;
}

class TotalsBuilder {
  count = 0;
  minutes = 0;
  minor = new Map<string, bigint>();
  add(minutes: number | undefined, amount: Money | undefined): void {
    this.count++;
    if (minutes !== undefined) this.minutes += minutes;
    if (amount !== undefined)
      this.minor.set(amount.currency, (this.minor.get(amount.currency) ?? 0n) + toMinorUnits(amount));
  }
  build(): Totals {
    const amounts: Record<string, string> = {};
    for (const [currency, minor] of [...this.minor].sort(([a], [b]) => a.localeCompare(b))) {
      Object.defineProperty(amounts, currency, {
        value: fromMinorUnits(minor, currency).amount,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return { count: this.count, minutes: this.minutes, amounts };
  }
}

interface BucketBuilders {
  source: TotalsBuilder;
  target: TotalsBuilder;
  matchedSource: TotalsBuilder;
  matchedTarget: TotalsBuilder;
  mismatchedSource: TotalsBuilder;
  mismatchedTarget: TotalsBuilder;
  missingInTarget: TotalsBuilder;
  missingInSource: TotalsBuilder;
  duplicateInSource: TotalsBuilder;
  duplicateInTarget: TotalsBuilder;
}

function newBuilders(): BucketBuilders {
  return {
    source: new TotalsBuilder(),
    target: new TotalsBuilder(),
    matchedSource: new TotalsBuilder(),
    matchedTarget: new TotalsBuilder(),
    mismatchedSource: new TotalsBuilder(),
    mismatchedTarget: new TotalsBuilder(),
    missingInTarget: new TotalsBuilder(),
    missingInSource: new TotalsBuilder(),
    duplicateInSource: new TotalsBuilder(),
    duplicateInTarget: new TotalsBuilder(),
  };
}

function bucketsOf(b: BucketBuilders): BucketTotals {
  return {
    matched: { source: b.matchedSource.build(), target: b.matchedTarget.build() },
    mismatched: { source: b.mismatchedSource.build(), target: b.mismatchedTarget.build() },
    missingInTarget: b.missingInTarget.build(),
    missingInSource: b.missingInSource.build(),
    duplicateInSource: b.duplicateInSource.build(),
    duplicateInTarget: b.duplicateInTarget.build(),
  };
}

function compareField<R>(field: ReconcileField<R>, source: R, target: R): FieldDifference | undefined {
  const a = field.get(source);
  const b = field.get(target);
  if (field.kind === "minutes" && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
    return a === b
      ? undefined
      : { field: field.name, source: a, target: b, delta: (b as number) - (a as number) };
  }
  if (field.kind === "money" && isMoney(a) && isMoney(b) && a.currency === b.currency) {
    try {
      const delta = toMinorUnits(b) - toMinorUnits(a);
      return delta === 0n
        ? undefined
        : { field: field.name, source: a, target: b, delta: fromMinorUnits(delta, a.currency) };
    } catch {
      // fall through to a value comparison
    }
  }
  return stable(a) === stable(b) ? undefined : { field: field.name, source: a, target: b };
}

/**
 * Reconciles two sets keyed by canonical key — e.g. PSA approved time (source) against NetSuite posted time
 * (target) — into matched, mismatched (which fields, by how much), missing in target, missing in source and
 * duplicates, with exact minute and money totals overall and per project. Every record lands in exactly
 * one bucket, so bucket totals always add up to each side's total.
 * @throws MoneyError when an amount is not valid Money (parse records first)
 */
export function reconcile<R>(
  sourceSet: Iterable<R>,
  targetSet: Iterable<R>,
  options: ReconcileOptions<R> = {},
): Reconciliation<R> {
  const keyOf = options.keyOf ?? ((r: R) => String(prop(r, "key")));
  const projectOf = options.projectOf ?? ((r: R) => refKey(r, "project") as string | undefined);
  const minutesOf = options.minutesOf ?? defaultMinutes;
  const amountOf = options.amountOf ?? defaultAmount;
  const fields = options.fields ?? defaultReconcileFields<R>(amountOf);

  const result: Reconciliation<R> = {
    matched: [],
    mismatched: [],
    missingInTarget: [],
    missingInSource: [],
    duplicateInSource: [],
    duplicateInTarget: [],
    explained: 0,
    totals: undefined as unknown as Reconciliation<R>["totals"],
    byProject: [],
  };
  const all = newBuilders();
  const perProject = new Map<string, BucketBuilders>();
  const explainedByProject = new Map<string, number>();
  const tally = (
    record: R,
    side: "source" | "target",
    bucket: Exclude<keyof BucketBuilders, "source" | "target">,
  ) => {
    const project = projectOf(record) ?? "(none)";
    let p = perProject.get(project);
    if (!p) {
      p = newBuilders();
      perProject.set(project, p);
    }
    const minutes = minutesOf(record);
    const amount = amountOf(record);
    for (const b of [all, p]) {
      b[side].add(minutes, amount);
      b[bucket].add(minutes, amount);
    }
  };

  const sources = new Map<string, R>();
  for (const record of sourceSet) {
    const key = keyOf(record);
    if (sources.has(key)) {
      result.duplicateInSource.push(record);
      tally(record, "source", "duplicateInSource");
    } else sources.set(key, record);
  }
  const seenTargets = new Set<string>();
  for (const target of targetSet) {
    const key = keyOf(target);
    if (seenTargets.has(key)) {
      result.duplicateInTarget.push(target);
      tally(target, "target", "duplicateInTarget");
      continue;
    }
    seenTargets.add(key);
    const source = sources.get(key);
    if (source === undefined) {
      result.missingInSource.push(target);
      tally(target, "target", "missingInSource");
      continue;
    }
    const differences = fields.map((f) => compareField(f, source, target)).filter((d) => d !== undefined);
    if (differences.length === 0) {
      result.matched.push({ key, source, target });
      tally(source, "source", "matchedSource");
      tally(target, "target", "matchedTarget");
    } else {
      result.mismatched.push({ key, source, target, differences });
      tally(source, "source", "mismatchedSource");
      tally(target, "target", "mismatchedTarget");
    }
  }
  for (const [key, source] of sources) {
    if (!seenTargets.has(key)) {
      result.missingInTarget.push(source);
      tally(source, "source", "missingInTarget");
      if (options.isExplained?.(source)) {
        result.explained++;
        const project = projectOf(source) ?? "(none)";
        explainedByProject.set(project, (explainedByProject.get(project) ?? 0) + 1);
      }
    }
  }

  result.totals = { source: all.source.build(), target: all.target.build(), buckets: bucketsOf(all) };
  result.byProject = [...perProject.keys()].sort().map((project) => {
    const b = perProject.get(project) as BucketBuilders;
    const source = b.source.build();
    const target = b.target.build();
    const currencies = new Set([...b.source.minor.keys(), ...b.target.minor.keys()]);
    const amounts: Record<string, string> = {};
    for (const c of [...currencies].sort()) {
      const diff = (b.target.minor.get(c) ?? 0n) - (b.source.minor.get(c) ?? 0n);
      Object.defineProperty(amounts, c, {
        value: fromMinorUnits(diff, c).amount,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return {
      project,
      source,
      target,
      buckets: bucketsOf(b),
      difference: { minutes: target.minutes - source.minutes, amounts },
      explained: explainedByProject.get(project) ?? 0,
    };
  });
  return result;
}

/**
 * One line per project with records missing in the target, for reports:
 * "project kantata-workspaces-12: 3 records, 41:00 h missing in target".
 */
export function reconciliationHeadlines<R>(result: Reconciliation<R>): string[] {
  const lines: string[] = [];
  for (const p of result.byProject) {
    const missing = p.buckets.missingInTarget;
    if (missing.count > 0) {
      const money = Object.entries(missing.amounts)
        .map(([c, a]) => `${c} ${a}`)
        .join(", ");
      lines.push(
        `project ${p.project}: ${missing.count} ${missing.count === 1 ? "record" : "records"}, ${formatHoursMinutes(missing.minutes)} h${money ? `, ${money}` : ""} missing in target`,
      );
    }
  }
  return lines;
}
