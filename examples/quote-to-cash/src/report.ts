import { addMoney, type Money, money } from "@ledgerline/canonical";
import { renderInvoices } from "./billing-step.js";
import { amounts, count, hours } from "./format.js";
import type { Amount, Buckets, DemoSummary, Impact, ProjectReconciliation } from "./summary.js";

/**
 * Renders a run's summary as the readable report the demo prints: buckets per phase, exceptions grouped
 * by business impact, and the PSA-vs-NetSuite reconciliation per project. Plain text, no colours, so it
 * reads the same in a terminal, a CI log and a file.
 */
export function renderReport(summary: DemoSummary): string {
  const lines: string[] = [];
  const faults = summary.faults > 0 ? `, ${Math.round(summary.faults * 100)} % injected faults` : "";
  lines.push(
    `Ledgerline quote-to-cash — Kantata → NetSuite, ${summary.period.from} to ${summary.period.to}` +
      ` (seed ${summary.seed}${faults})`,
  );
  lines.push(
    summary.resumed
      ? `State: resumed from ${summary.stateDir} (ledger and fakes kept from the previous run)`
      : `State: fresh, kept in ${summary.stateDir} for the next run`,
  );
  if (summary.approvedInKantata) {
    const a = summary.approvedInKantata;
    lines.push(
      `Approved in Kantata before this run (--approve): ${count(a.timesheets)} pending timesheets` +
        ` (${count(a.timeEntries)} time entries), ${count(a.expenseReports)} pending expense reports` +
        ` (${count(a.expenses)} expenses)`,
    );
  }
  lines.push("");

  lines.push("Posting");
  const rows: string[][] = [["", "input", "written", "unchanged", "rejected", "failed", "time"]];
  // Issue 14: the start of the chain comes first (its records are not in the posting totals).
  for (const step of summary.startOfChain ?? []) {
    rows.push([`  ${step.name}`, ...bucketCells(step.input, step.buckets), seconds(step.durationMs)]);
  }
  for (const phase of summary.phases) {
    rows.push([`  ${phase.name}`, ...bucketCells(phase.input, phase.buckets), seconds(phase.durationMs)]);
  }
  rows.push(["  total", ...bucketCells(summary.input, summary.buckets), seconds(summary.durationMs)]);
  lines.push(...table(rows, [false, true, true, true, true, true, true]));
  const t = summary.timings;
  lines.push(
    `  (total includes starting the fakes ${seconds(t.startMs)}, reading Kantata ${seconds(t.readMs)},` +
      ` reconciling ${seconds(t.reconcileMs)})`,
  );
  lines.push("");

  // Billing (billing-step.ts): invoices, blocked amounts, unbilled WIP.
  if (summary.invoices) lines.push(...renderInvoices(summary.invoices), "");

  lines.push("Exceptions by business impact");
  if (summary.exceptions.length === 0) {
    lines.push("  none");
  } else {
    for (const impact of IMPACT_ORDER) {
      const groups = summary.exceptions.filter((e) => e.impact === impact);
      if (groups.length === 0) continue;
      lines.push(`  ${IMPACT_TITLES[impact]}`);
      for (const group of groups) lines.push(`    ${group.message}`);
    }
  }
  const es = summary.expenseSubmissions;
  if (es) {
    lines.push(
      `  Expense report submissions in Kantata: ${count(es.approved.submissions)} approved` +
        ` (${count(es.approved.expenses)} expenses), ${count(es.pending.submissions)} pending` +
        ` (${count(es.pending.expenses)} expenses), ${count(es.rejected.submissions)} rejected` +
        ` (${count(es.rejected.expenses)} expenses) — only approved ones post; pending and rejected stay unposted`,
    );
  }
  const rejectedNamed = summary.exceptions.filter((e) => e.rejected).reduce((n, e) => n + e.records, 0);
  if (rejectedNamed !== summary.buckets.rejected) {
    lines.push(
      `  (!) ${count(summary.buckets.rejected)} rejected, ${count(rejectedNamed)} named above — see the JSON output`,
    );
  }
  lines.push("");

  lines.push(...reconciliationTable(summary, "time"));
  lines.push("");
  lines.push(...reconciliationTable(summary, "expenses"));
  lines.push("");

  const dupes = summary.targetDuplicates;
  lines.push(
    `NetSuite fake: ${dupes === 0 ? "no external id stored twice" : `${count(dupes)} external ids stored more than once (!)`}.`,
  );
  for (const t of summary.traffic) {
    if (t.requests === undefined) continue;
    const injected = t.faults ? `, ${count(t.faults)} answered with a fault or a 429 and retried` : "";
    lines.push(`${t.system} fake: ${count(t.requests)} requests served${injected}.`);
  }
  if (summary.failures.length > 0) {
    lines.push("");
    lines.push(`Failed records (first ${summary.failures.length}):`);
    for (const f of summary.failures) lines.push(`  ${f.phase} ${f.record}: ${f.error}`);
  }
  lines.push("");
  lines.push(verdict(summary));
  return lines.join("\n");
}

/** The one-line verdict at the end of the report. */
export function verdict(summary: DemoSummary): string {
  const b = summary.buckets;
  if (b.failed > 0)
    return `Done with ${count(b.failed)} failed records: run again to retry them (nothing is posted twice).`;
  if (b.written === 0 && b.unchanged > 0) {
    return "Nothing to write: everything is already posted and unchanged (the ledger skipped it).";
  }
  return `Done: ${count(b.written)} written, ${count(b.unchanged)} unchanged, ${count(b.rejected)} held back for the reasons above, 0 failed.`;
}

/** One reconciliation table (time in hours, expenses in money), its totals and the "explained" line. */
function reconciliationTable(summary: DemoSummary, kind: ProjectReconciliation["kind"]): string[] {
  const time = kind === "time";
  const rows = summary.projects.filter((p) => p.kind === kind);
  const r = summary.reconciliationByKind[kind];
  const lines = [
    time
      ? "Reconciliation per project — PSA approved time vs NetSuite time bills (hours H:MM)"
      : "Reconciliation per project — PSA approved expenses vs NetSuite expense reports",
  ];
  const header = ["", "PSA", "NetSuite", "matched", "not in NS", "not in PSA", "differ"];
  const cells: string[][] = [time ? [...header, "billable value (NS)"] : header];
  const side = (p: ProjectReconciliation, which: "source" | "target") =>
    time
      ? hours(which === "source" ? p.sourceMinutes : p.targetMinutes)
      : amounts(which === "source" ? p.sourceAmounts : p.targetAmounts) || "0.00";
  for (const p of rows) {
    const counts = [p.matched, p.missingInTarget, p.missingInSource, p.mismatched].map(count);
    cells.push([
      `  ${p.project}`,
      side(p, "source"),
      side(p, "target"),
      ...counts,
      ...(time ? [amounts(p.targetAmounts)] : []),
    ]);
  }
  const totalCounts = [r.matched, r.missingInTarget, r.missingInSource, r.mismatched].map(count);
  const totals = time
    ? [hours(sum(rows, (p) => p.sourceMinutes)), hours(sum(rows, (p) => p.targetMinutes))]
    : [
        amounts(sumAmounts(rows.flatMap((p) => p.sourceAmounts))),
        amounts(sumAmounts(rows.flatMap((p) => p.targetAmounts))),
      ];
  cells.push([
    "  total",
    ...totals,
    ...totalCounts,
    ...(time ? [amounts(sumAmounts(rows.flatMap((p) => p.targetAmounts)))] : []),
  ]);
  lines.push(...table(cells, [false, true, true, true, true, true, true, true]));
  const explained = sum(rows, (p) => p.explained);
  if (r.missingInTarget > 0) {
    const rest = r.missingInTarget - explained;
    const what = time ? "approved entries" : "approved expenses";
    lines.push(
      `  ${count(explained)} of ${count(r.missingInTarget)} ${what} missing in NetSuite are explained by the` +
        ` exceptions above${rest > 0 ? `; ${count(rest)} are NOT — investigate` : ""}.`,
    );
  }
  return lines;
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((n, item) => n + of(item), 0);
}

/** Adds amounts per currency exactly (canonical money arithmetic). */
function sumAmounts(list: readonly Amount[]): Amount[] {
  const totals = new Map<string, Money>();
  for (const a of list) {
    const value = money(a.amount, a.currency);
    const total = totals.get(a.currency);
    totals.set(a.currency, total ? addMoney(total, value) : value);
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

const IMPACT_ORDER: readonly Impact[] = [
  "blocks-cost-posting",
  "blocks-billing",
  "blocks-revenue",
  "awaiting-approval",
  "data-quality",
];
const IMPACT_TITLES: Record<Impact, string> = {
  "blocks-cost-posting": "Blocks cost posting (rejected, needs a fix in PSA or mapping)",
  "blocks-billing": "Blocks billing (rejected)",
  "blocks-revenue": "Blocks revenue recognition (rejected)",
  "awaiting-approval": "Not approved yet (rejected for now; posts on a later run once approved)",
  "data-quality": "Data quality (posted, worth a look)",
};

function bucketCells(input: number, b: Buckets): string[] {
  return [count(input), count(b.written), count(b.unchanged), count(b.rejected), count(b.failed)];
}

function table(rows: string[][], rightAligned: boolean[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = (widths[i] ?? 0) - [...cell].length;
        return rightAligned[i] ? " ".repeat(pad) + cell : cell + " ".repeat(pad);
      })
      .join("  ")
      .trimEnd(),
  );
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
