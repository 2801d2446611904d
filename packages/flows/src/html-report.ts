import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { CloseReport } from "./close-period.js";
import type { RevenueReport } from "./recognize-revenue.js";

/** What {@link renderCloseReport} shows. */
export interface CloseReportView {
  close: CloseReport;
  /** The revenue step of the same run (journal entries per project and period). */
  revenue?: RevenueReport;
  /** Page title. @default "Ledgerline — period close <period>" */
  title?: string;
}

const esc = (value: unknown): string =>
  String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const hours = (minutes: number): string => (minutes / 60).toFixed(2);

interface Bar {
  label: string;
  value: number;
  text: string;
}

/** A horizontal bar chart as inline SVG (no script, no external resource). */
function barChart(
  id: string,
  title: string,
  groups: Array<{ label: string; bars: Bar[] }>,
  legend: string[],
): string {
  const colors = ["#2f6fb0", "#e39b2d", "#3b9a5a", "#8a5fb8"];
  const max = Math.max(1, ...groups.flatMap((g) => g.bars.map((b) => Math.abs(b.value))));
  const barHeight = 14;
  const labelWidth = 220;
  const width = 760;
  const plot = width - labelWidth - 120;
  let y = 28;
  const parts: string[] = [];
  for (const group of groups) {
    const short = group.label.length > 34 ? `${group.label.slice(0, 33)}…` : group.label;
    parts.push(
      `<text x="0" y="${y + barHeight - 3}" class="glabel"><title>${esc(group.label)}</title>${esc(short)}</text>`,
    );
    for (const [i, bar] of group.bars.entries()) {
      const w = Math.max(0, Math.round((Math.abs(bar.value) / max) * plot));
      parts.push(
        `<rect x="${labelWidth}" y="${y}" width="${w}" height="${barHeight - 2}" fill="${colors[i % colors.length]}"><title>${esc(`${group.label} ${bar.label}: ${bar.text}`)}</title></rect>`,
        `<text x="${labelWidth + w + 4}" y="${y + barHeight - 4}" class="val">${esc(bar.text)}</text>`,
      );
      y += barHeight;
    }
    y += 8;
  }
  const keys = legend
    .map(
      (name, i) =>
        `<rect x="${labelWidth + i * 120}" y="4" width="10" height="10" fill="${colors[i % colors.length]}"/><text x="${labelWidth + i * 120 + 14}" y="13" class="val">${esc(name)}</text>`,
    )
    .join("");
  return `<figure id="${esc(id)}"><figcaption>${esc(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" width="${width}" height="${y + 4}" viewBox="0 0 ${width} ${y + 4}">${keys}${parts.join("")}</svg></figure>`;
}

const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1d2733;background:#fff}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
.muted{color:#5b6775}table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}
th,td{border:1px solid #d5dbe1;padding:4px 8px;text-align:right}th{background:#f1f4f7}
td.l,th.l{text-align:left}tr.exception td{background:#fff1f0}tr.total td{font-weight:600;background:#f7f9fb}
.kpi{display:inline-block;border:1px solid #d5dbe1;border-radius:6px;padding:8px 14px;margin:0 8px 8px 0}
.kpi b{display:block;font-size:18px}figure{margin:12px 0}figcaption{font-weight:600;margin-bottom:4px}
svg text{font:11px system-ui,sans-serif;fill:#1d2733}svg .glabel{font-weight:600}`;

/**
 * Renders a period close as ONE self-contained HTML page — inline CSS and inline SVG charts, no script, no
 * font, image or stylesheet from the network: the per-project close table (hours, billed, unbilled,
 * accrued, recognised, deferred, in the project's and the subsidiary's currency with the rate), the totals,
 * charts of billed / unbilled / recognised per project, the approval-to-posting latency distribution and
 * exception aging, and the open exceptions with their age. Figures are the report's exact decimal strings;
 * every cell carries `data-project` / `data-measure` so tests and scrapers can read them.
 */
export function renderCloseReport(view: CloseReportView): string {
  const { close, revenue } = view;
  const title = view.title ?? `Ledgerline — period close ${close.period}`;
  const rows = close.projects
    .map((p) => {
      const cell = (measure: string, value: string, cls = "") =>
        `<td${cls ? ` class="${cls}"` : ""} data-project="${esc(p.project)}" data-measure="${measure}">${esc(value)}</td>`;
      const s = p.subsidiary;
      const t = p.transaction;
      return `<tr class="${p.tiesOut ? "ok" : "exception"}">${cell("project", p.name ?? p.project, "l")}${cell("approvedHours", hours(p.approvedMinutes))}${cell("postedHours", hours(p.postedMinutes))}${cell("unpostedHours", hours(p.unpostedMinutes))}${cell("currency", t.billed.currency, "l")}${cell("billed", t.billed.amount)}${cell("unbilled", t.unbilled.amount)}${cell("accrued", t.accrued.amount)}${cell("recognized", t.recognized.amount)}${cell("deferred", t.deferred.amount)}${cell("rate", p.rate)}${cell("subsidiaryCurrency", s.billed.currency, "l")}${cell("subsidiaryBilled", s.billed.amount)}${cell("subsidiaryUnbilled", s.unbilled.amount)}${cell("subsidiaryRecognized", s.recognized.amount)}${cell("subsidiaryDeferred", s.deferred.amount)}${cell("tiesOut", p.tiesOut ? "yes" : "no", "l")}</tr>`;
    })
    .join("\n");
  const totals = close.totals
    .map((t) => {
      const cell = (measure: string, value: string) =>
        `<td data-total="${esc(t.currency)}" data-measure="${measure}">${esc(value)}</td>`;
      return `<tr class="total"><td class="l">Total ${esc(t.currency)} (${t.projects} projects)</td>${cell("approvedHours", hours(t.approvedMinutes))}${cell("postedHours", hours(t.postedMinutes))}${cell("unpostedHours", hours(t.approvedMinutes - t.postedMinutes))}<td class="l">${esc(t.currency)}</td>${cell("billed", t.amounts.billed.amount)}${cell("unbilled", t.amounts.unbilled.amount)}${cell("accrued", t.amounts.accrued.amount)}${cell("recognized", t.amounts.recognized.amount)}${cell("deferred", t.amounts.deferred.amount)}<td></td><td></td><td></td><td></td><td></td><td></td>${cell("exceptions", String(t.exceptions))}</tr>`;
    })
    .join("\n");
  const money = (p: CloseReport["projects"][number], field: "billed" | "unbilled" | "recognized"): Bar => ({
    label: field,
    value: Number(p.subsidiary[field].amount),
    text: `${p.subsidiary[field].amount} ${p.subsidiary[field].currency}`,
  });
  const perProject = barChart(
    "chart-billing",
    "Billed / unbilled / recognised per project (subsidiary currency)",
    close.projects.map((p) => ({
      label: p.name ?? p.project,
      bars: [money(p, "billed"), money(p, "unbilled"), money(p, "recognized")],
    })),
    ["billed", "unbilled", "recognised"],
  );
  const latency = close.sla.approvalToPosting;
  const latencyChart = barChart(
    "chart-latency",
    "Approval → posting latency (entries per bucket)",
    latency.histogram.map((b) => ({
      label: b.label,
      bars: [{ label: "entries", value: b.count, text: String(b.count) }],
    })),
    ["entries"],
  );
  const agingChart = barChart(
    "chart-aging",
    "Open exceptions by age",
    close.sla.exceptionAging.map((b) => ({
      label: b.label,
      bars: [{ label: "exceptions", value: b.count, text: String(b.count) }],
    })),
    ["exceptions"],
  );
  const exceptionRows = close.openExceptions
    .map(
      (e) =>
        `<tr data-exception="${esc(e.code)}"><td class="l">${esc(e.code)}</td><td class="l">${esc(e.impact)}</td><td class="l">${esc(e.record.project ?? e.record.key)}</td><td class="l">${esc(e.message)}</td><td class="l">${esc(e.firstSeen)}</td><td data-measure="ageDays">${e.ageDays}</td><td>${e.occurrences}</td></tr>`,
    )
    .join("\n");
  const revenueRows = (revenue?.entries ?? [])
    .map(
      (e) =>
        `<tr><td class="l">${esc(e.project)}</td><td class="l">${esc(e.period)}</td><td data-journal="${esc(e.journalKey)}" data-measure="amount">${esc(e.amount.amount)}</td><td>${esc(e.adjustment.amount)}</td><td class="l">${esc(e.amount.currency)}</td><td class="l">${esc(e.status)}</td></tr>`,
    )
    .join("\n");
  const kpi = (id: string, label: string, value: string) =>
    `<div class="kpi" id="${id}"><span class="muted">${esc(label)}</span><b data-kpi="${id}">${esc(value)}</b></div>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="muted">Generated ${esc(close.timings.finishedAt)} · figures to date through the end of ${esc(close.period)} · amounts exact</p>
<section id="sla">
${kpi("latency-p50", "Approval → posting p50 (min)", latency.p50 === undefined ? "–" : String(latency.p50))}
${kpi("latency-p95", "Approval → posting p95 (min)", latency.p95 === undefined ? "–" : String(latency.p95))}
${kpi("posting-success", "Posting success rate", close.sla.postingSuccess.rate)}
${kpi("open-exceptions", "Open exceptions", String(close.openExceptions.length))}
</section>
<h2>Close per project</h2>
<table id="close-table"><thead><tr><th class="l">Project</th><th>Approved h</th><th>Posted h</th><th>Unposted h</th><th class="l">Cur.</th><th>Billed</th><th>Unbilled</th><th>Accrued</th><th>Recognised</th><th>Deferred</th><th>Rate</th><th class="l">Books</th><th>Billed</th><th>Unbilled</th><th>Recognised</th><th>Deferred</th><th class="l">Ties out</th></tr></thead>
<tbody>
${rows}
${totals}
</tbody></table>
<h2>Charts</h2>
${perProject}
${latencyChart}
${agingChart}
<h2>Open exceptions</h2>
<table id="exceptions"><thead><tr><th class="l">Code</th><th class="l">Impact</th><th class="l">Project</th><th class="l">What</th><th class="l">First seen</th><th>Age (days)</th><th>Seen</th></tr></thead>
<tbody>
${exceptionRows}
</tbody></table>
${revenue ? `<h2>Revenue journal entries (open period ${esc(revenue.openPeriod)})</h2>\n<table id="revenue"><thead><tr><th class="l">Project</th><th class="l">Period</th><th>Amount</th><th>Adjustment</th><th class="l">Cur.</th><th class="l">Status</th></tr></thead><tbody>\n${revenueRows}\n</tbody></table>` : ""}
</body></html>
`;
}

/** Renders the report ({@link renderCloseReport}) and writes it to `path`, creating its folder. */
export async function writeCloseReport(path: string, view: CloseReportView): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, renderCloseReport(view), "utf8");
}
