import { count } from "./format.js";
import type { DemoSummary } from "./summary.js";

/** Whether a run did everything it should, and if not, why — the exit code and the JSON's `outcome`. */
export interface Verdict {
  /** 0 when nothing failed, nothing is stored twice, every read was done and every gap is explained. */
  exitCode: 0 | 1;
  /** One line per reason the run is not clean (empty when `exitCode` is 0). */
  reasons: string[];
}

/**
 * Judges a run as a finance user would: it is clean only when no record failed, no external id is stored
 * twice in NetSuite, every read was done in full, and the reconciliation has no gap without an
 * explanation — an approved record missing in NetSuite that no exception explains, a NetSuite record with
 * no approved source, or a record whose values differ.
 */
export function judge(summary: DemoSummary): Verdict {
  const reasons: string[] = [];
  if (summary.buckets.failed > 0) reasons.push(`${count(summary.buckets.failed)} records failed`);
  if (summary.targetDuplicates > 0) {
    reasons.push(`${count(summary.targetDuplicates)} external ids stored more than once in NetSuite`);
  }
  for (const failure of summary.readFailures ?? []) {
    reasons.push(`could not read ${failure.what}: ${failure.error}`);
  }
  const r = summary.reconciliation;
  const explained = summary.projects.reduce((n, p) => n + p.explained, 0);
  const unexplained = r.missingInTarget - explained;
  if (unexplained > 0) {
    const failedToo = summary.buckets.failed > 0 ? " (the failed records among them)" : "";
    reasons.push(
      `${count(unexplained)} approved records missing in NetSuite that no exception explains${failedToo}`,
    );
  }
  if (r.missingInSource > 0) {
    reasons.push(`${count(r.missingInSource)} NetSuite records without an approved record in Kantata`);
  }
  if (r.mismatched > 0) reasons.push(`${count(r.mismatched)} records differ between Kantata and NetSuite`);
  // Billing (billing-step.ts): an invoice or write-back that failed is not clean (a rerun finishes it).
  const billingFailed = (summary.invoices?.steps ?? []).reduce((n, s) => n + s.failed, 0);
  if (billingFailed > 0) reasons.push(`${count(billingFailed)} invoices failed (run again to finish them)`);
  return { exitCode: reasons.length === 0 ? 0 : 1, reasons };
}

/** The lines printed after the report: what happened to the state folder, failed reads, the verdict. */
export function renderOutcome(summary: DemoSummary, verdict: Verdict): string {
  const lines: string[] = [];
  if (summary.stateNotes && summary.stateNotes.length > 0) {
    lines.push("State folder:");
    for (const note of summary.stateNotes) lines.push(`  ${note}`);
  }
  lines.push(
    verdict.exitCode === 0
      ? "Outcome: clean — nothing failed, nothing duplicated, every gap explained (exit 0)."
      : `Outcome: NOT clean (exit ${verdict.exitCode}); run again to finish what is missing:`,
  );
  for (const reason of verdict.reasons) lines.push(`  - ${reason}`);
  return lines.join("\n");
}
