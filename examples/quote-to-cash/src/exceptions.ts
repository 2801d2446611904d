import { amounts, count, hours } from "./format.js";
import type { Amount, ExceptionGroup, Impact } from "./summary.js";

/** Why a record was held back (or posted with a caveat), in the demo's vocabulary. */
export type ExceptionCode =
  | "NOT_APPROVED"
  | "PROJECT_CLOSED"
  | "UNMAPPED_COST_CENTER"
  | "OTHER"
  | "EDITED_AFTER_APPROVAL";

/**
 * The order in which a record's reasons are reported: a record with several violations is counted once,
 * under the first of these it has (an unapproved entry is "awaiting approval" before it is anything else),
 * so the groups add up to the rejected bucket exactly.
 */
export const EXCEPTION_PRIORITY: readonly ExceptionCode[] = [
  "NOT_APPROVED",
  "PROJECT_CLOSED",
  "UNMAPPED_COST_CENTER",
  "OTHER",
  "EDITED_AFTER_APPROVAL",
];

const IMPACT: Record<ExceptionCode, Impact> = {
  NOT_APPROVED: "awaiting-approval",
  PROJECT_CLOSED: "blocks-cost-posting",
  UNMAPPED_COST_CENTER: "blocks-cost-posting",
  OTHER: "blocks-cost-posting",
  EDITED_AFTER_APPROVAL: "data-quality",
};

/** One record's exception. */
export interface ExceptionEvent {
  code: ExceptionCode;
  /** The record kind, plural: `time entries`, `expenses`. */
  kind: string;
  /** What it concerns: the cost center (`CC-450 (Data & AI Lab)`) or the project (`P-108 …`). */
  subject?: string;
  /** Extra context for the message, e.g. the date a project was closed. */
  detail?: string;
  /** Who it concerns (e.g. the consultant), counted distinct. */
  person?: string;
  minutes?: number;
  /** Amount in minor units (integer) with its currency and exponent. */
  amount?: { minor: bigint; currency: string; exponent: number };
  /** True when the record is in the rejected bucket. */
  rejected: boolean;
}

interface Group {
  code: ExceptionCode;
  kind: string;
  subject?: string;
  detail?: string;
  records: number;
  minutes: number;
  hasMinutes: boolean;
  people: Set<string>;
  amounts: Map<string, { minor: bigint; exponent: number }>;
  rejected: boolean;
}

/** Collects exception events and groups them by code, kind and subject, with exact totals. */
export class ExceptionCollector {
  readonly #groups = new Map<string, Group>();

  /** Records one event. */
  add(event: ExceptionEvent): void {
    const id = `${event.code}|${event.kind}|${event.subject ?? ""}|${event.rejected}`;
    let group = this.#groups.get(id);
    if (!group) {
      group = {
        code: event.code,
        kind: event.kind,
        ...(event.subject === undefined ? {} : { subject: event.subject }),
        ...(event.detail === undefined ? {} : { detail: event.detail }),
        records: 0,
        minutes: 0,
        hasMinutes: false,
        people: new Set(),
        amounts: new Map(),
        rejected: event.rejected,
      };
      this.#groups.set(id, group);
    }
    group.records++;
    if (event.minutes !== undefined) {
      group.minutes += event.minutes;
      group.hasMinutes = true;
    }
    if (event.person !== undefined) group.people.add(event.person);
    if (event.amount) {
      const sum = group.amounts.get(event.amount.currency) ?? { minor: 0n, exponent: event.amount.exponent };
      sum.minor += event.amount.minor;
      group.amounts.set(event.amount.currency, sum);
    }
  }

  /** The groups, ordered by priority of their code, then kind, then subject. */
  groups(): ExceptionGroup[] {
    return [...this.#groups.values()]
      .sort(
        (a, b) =>
          EXCEPTION_PRIORITY.indexOf(a.code) - EXCEPTION_PRIORITY.indexOf(b.code) ||
          kindOrder(a.kind) - kindOrder(b.kind) ||
          (a.subject ?? "").localeCompare(b.subject ?? ""),
      )
      .map((g) => {
        const list = amountList(g);
        return {
          code: g.code,
          impact: IMPACT[g.code],
          kind: g.kind,
          message: message(g),
          records: g.records,
          ...(g.hasMinutes ? { minutes: g.minutes } : {}),
          ...(list.length > 0 ? { amounts: list } : {}),
          rejected: g.rejected,
        };
      });
  }
}

function kindOrder(kind: string): number {
  return kind === "time entries" ? 0 : kind === "expenses" ? 1 : 2;
}

function message(g: Group): string {
  const n = count(g.records);
  const totals: string[] = [];
  if (g.hasMinutes) totals.push(`${hours(g.minutes)} h`);
  if (g.amounts.size > 0) totals.push(amounts(amountList(g)));
  if (g.people.size > 0) totals.push(`${count(g.people.size)} ${g.people.size === 1 ? "person" : "people"}`);
  const total = totals.join(", ");
  switch (g.code) {
    case "NOT_APPROVED":
      return g.subject === "rejected"
        ? `${n} ${g.kind} rejected by the approver in Kantata (${total}) — to be corrected and resubmitted`
        : `${n} ${g.kind} awaiting approval in Kantata (${total}) — posted on a later run once approved`;
    case "PROJECT_CLOSED": {
      const closed = g.detail ? ` on ${g.detail}` : "";
      const what =
        g.kind === "time entries"
          ? `${hours(g.minutes)} h of approved time not posted (${n} ${g.records === 1 ? "entry" : "entries"})`
          : `${n} approved ${g.kind} not posted (${amounts(amountList(g))})`;
      return `project ${g.subject ?? "?"} closed${closed}: ${what}`;
    }
    case "UNMAPPED_COST_CENTER":
      return `${n} ${g.kind} blocked: unmapped cost center ${g.subject ?? "?"} (${total}) — map it to a NetSuite department`;
    case "OTHER":
      return `${n} ${g.kind} rejected for another reason: ${g.subject ?? "unknown"} — not a planted case, investigate`;
    case "EDITED_AFTER_APPROVAL":
      return `${n} approved ${g.kind} edited after approval (${total}) — posted at their latest version`;
  }
}

function amountList(g: Group): Amount[] {
  return [...g.amounts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, { minor, exponent }]) => ({ currency, amount: minorToDecimal(minor, exponent) }));
}

/** `123456n, 2` → `"1234.56"` (exact). */
export function minorToDecimal(minor: bigint, exponent: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, "0");
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? "" : `.${digits.slice(-exponent)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}
