import type { DemoSummary } from "./summary.js";

/**
 * The revenue and close lines of the demo's printed report (issue 15): journal entries by outcome, the
 * close per project (ties out or which measures are off), open exceptions with their age, SLA figures and
 * where the HTML report is. Empty when the run has no close.
 */
export function renderCloseText(summary: DemoSummary): string {
  const { revenue, close } = summary;
  if (!revenue || !close) return "";
  const by = (status: string) => revenue.entries.filter((e) => e.status === status).length;
  const lines = [
    "",
    `Revenue (open period ${revenue.openPeriod}): ${revenue.entries.length} journal entries — ${by("written")} written, ${by("unchanged")} unchanged, ${by("rejected")} rejected, ${by("failed")} failed`,
    `Close ${close.period} (to date, per project; amounts in the subsidiary's currency):`,
  ];
  for (const p of close.projects) {
    const state = p.tiesOut ? "ties out" : `off: ${p.outOfTolerance.join(", ")}`;
    lines.push(
      `  ${p.name ?? p.project}: ${(p.approvedMinutes / 60).toFixed(2)} h approved, ${(p.postedMinutes / 60).toFixed(2)} h posted; billed ${p.subsidiary.billed}, unbilled ${p.subsidiary.unbilled}, recognised ${p.subsidiary.recognized} ${p.subsidiaryCurrency} — ${state}`,
    );
  }
  for (const e of close.exceptions) lines.push(`  ! ${e.code} (${e.ageDays} d): ${e.message}`);
  const sla = close.sla;
  lines.push(
    `SLA: approval → posting p50 ${sla.latencyP50Minutes ?? "–"} min, p95 ${sla.latencyP95Minutes ?? "–"} min; posting success ${sla.postingSuccessRate} (${sla.postedEntries}/${sla.approvedEntries})`,
  );
  if (summary.report) lines.push(`Report: ${summary.report}`);
  return `${lines.join("\n")}\n`;
}
