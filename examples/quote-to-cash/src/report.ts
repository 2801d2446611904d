import { amounts, count, hours } from "./format.js";
import type { Buckets, DemoSummary, Impact } from "./summary.js";

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
  lines.push("");

  lines.push("Posting");
  const rows: string[][] = [["", "input", "written", "unchanged", "rejected", "failed", "time"]];
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
  const rejectedNamed = summary.exceptions.filter((e) => e.rejected).reduce((n, e) => n + e.records, 0);
  if (rejectedNamed !== summary.buckets.rejected) {
    lines.push(
      `  (!) ${count(summary.buckets.rejected)} rejected, ${count(rejectedNamed)} named above — see the JSON output`,
    );
  }
  lines.push("");

  lines.push("Reconciliation per project — PSA approved time vs NetSuite time bills (hours H:MM)");
  const recon: string[][] = [
    ["", "PSA", "NetSuite", "matched", "not in NS", "not in PSA", "differ", "billable value (NS)"],
  ];
  for (const p of summary.projects) {
    recon.push([
      `  ${p.project}`,
      hours(p.sourceMinutes),
      hours(p.targetMinutes),
      count(p.matched),
      count(p.missingInTarget),
      count(p.missingInSource),
      count(p.mismatched),
      amounts(p.targetAmounts),
    ]);
  }
  const r = summary.reconciliation;
  recon.push([
    "  total",
    hours(summary.projects.reduce((n, p) => n + p.sourceMinutes, 0)),
    hours(summary.projects.reduce((n, p) => n + p.targetMinutes, 0)),
    count(r.matched),
    count(r.missingInTarget),
    count(r.missingInSource),
    count(r.mismatched),
    "",
  ]);
  lines.push(...table(recon, [false, true, true, true, true, true, true, true]));
  const explained = summary.projects.reduce((n, p) => n + p.explained, 0);
  if (r.missingInTarget > 0) {
    const rest = r.missingInTarget - explained;
    lines.push(
      `  ${count(explained)} of ${count(r.missingInTarget)} approved entries missing in NetSuite are explained by the` +
        ` exceptions above${rest > 0 ? `; ${count(rest)} are NOT — investigate` : ""}.`,
    );
  }
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

const IMPACT_ORDER: readonly Impact[] = [
  "blocks-cost-posting",
  "blocks-billing",
  "awaiting-approval",
  "data-quality",
];
const IMPACT_TITLES: Record<Impact, string> = {
  "blocks-cost-posting": "Blocks cost posting (rejected, needs a fix in PSA or mapping)",
  "blocks-billing": "Blocks billing (rejected)",
  "awaiting-approval": "Awaiting approval (rejected for now; posts on a later run once approved)",
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
