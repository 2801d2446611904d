import { mkdir, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runQuoteToCash } from "../src/flow.js";
import type { SeedSize } from "../src/seed.js";
import { statePaths } from "../src/state.js";
import { type DemoSummary, toJsonSummary } from "../src/summary.js";
import { CHROMIUM_MISSING, findChromium } from "./chromium.js";

// Issue 15: the demo's revenue → close, its --json sections, and the HTML report in a real Chromium.
const SIZE: SeedSize = { clients: 2, projects: 4, consultants: 10, timeEntries: 600, expenses: 60 };
const SEED = 4242;
const executablePath = findChromium();
const inCi = process.env.CI === "true" || process.env.CI === "1";
const outDir = resolve(import.meta.dirname, "../../../test-results/quote-to-cash");

type Json = ReturnType<typeof toJsonSummary> & {
  revenue: NonNullable<DemoSummary["revenue"]>;
  close: NonNullable<DemoSummary["close"]>;
  report: string;
};
const asJson = (summary: DemoSummary) => JSON.parse(JSON.stringify(toJsonSummary(summary))) as Json;

/** The close without what depends on the wall clock (first-seen times, ages, latencies). */
function figures(json: Json) {
  const { exceptions, sla, ...close } = json.close;
  return {
    revenue: json.revenue.entries.map(({ project, period, amount, adjustment }) => ({
      project,
      period,
      amount,
      adjustment,
    })),
    close,
    exceptions: exceptions.map((e) => `${e.code}:${e.project}`).sort(),
    posting: { posted: sla.postedEntries, approved: sla.approvedEntries, rate: sla.postingSuccessRate },
  };
}

describe("demo: revenue and close, the JSON summary and the HTML report", () => {
  let dir: string;
  let clean: Json;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ledgerline-close-"));
    clean = asJson(
      await runQuoteToCash({ seed: SEED, size: SIZE, faults: 0, reset: true, paths: statePaths(dir) }),
    );
  }, 240_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("recognises revenue per project and closes the period: billing and revenue tie out at zero tolerance", () => {
    expect(clean.revenue.counts.failed + clean.revenue.counts.rejected).toBe(0);
    expect(clean.revenue.entries.length).toBeGreaterThan(0);
    expect(clean.close.projects.length).toBe(SIZE.projects);
    for (const p of clean.close.projects) {
      expect(
        p.outOfTolerance.filter((m) => m !== "hours"),
        p.project,
      ).toEqual([]);
      // Approved, unposted time is exactly what the hours exceptions report.
      expect(p.outOfTolerance.includes("hours")).toBe(p.unpostedMinutes !== 0);
    }
    // The planted cases (closed project, unmapped cost center, late approvals) show as exceptions with an age.
    const unposted = clean.close.exceptions.filter((e) => e.code === "CLOSE_UNPOSTED_TIME");
    expect(unposted.length).toBe(clean.close.projects.filter((p) => p.unpostedMinutes > 0).length);
    expect(unposted.length).toBeGreaterThan(0);
    for (const e of unposted) expect(e.ageDays).toBeGreaterThanOrEqual(0);
    expect(clean.close.sla.latencyP50Minutes).not.toBeNull();
  });

  it("--reset --faults 0.2 ends with the same journal entries and close as a clean run", async () => {
    const faulty = asJson(
      await runQuoteToCash({ seed: SEED, size: SIZE, faults: 0.2, reset: true, paths: statePaths(dir) }),
    );
    expect(figures(faulty)).toEqual(figures(clean));
    expect(faulty.targetDuplicates).toBe(0);
    // A rerun on the same state sends no journal entry again.
    const rerun = asJson(
      await runQuoteToCash({ seed: SEED, size: SIZE, faults: 0, reset: false, paths: statePaths(dir) }),
    );
    expect(rerun.revenue.counts.written).toBe(0);
    expect(figures(rerun)).toEqual(figures(clean));
    clean = rerun; // the report on disk is this run's
  }, 480_000);

  it("Chromium is available in CI", () => {
    if (inCi && !executablePath) throw new Error(CHROMIUM_MISSING);
    expect(inCi ? executablePath : true).toBeTruthy();
  });

  it.skipIf(!executablePath && !inCi)(
    "the report renders in headless Chromium with the figures of --json, offline; screenshot saved",
    async () => {
      if (!executablePath) throw new Error(CHROMIUM_MISSING);
      expect(clean.report).toBe(join(dir, ".ledgerline", "report.html"));
      const html = await readFile(clean.report, "utf8");
      expect(html).not.toMatch(/<script|<link|@import|url\(|src=|href=/i);
      const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
      try {
        const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
        const external: string[] = [];
        await page.route("**/*", (route) => {
          const url = route.request().url();
          if (url.startsWith("file:")) return route.continue();
          external.push(url);
          return route.abort();
        });
        await page.goto(pathToFileURL(clean.report).href);
        const shown = (selector: string) =>
          // biome-ignore lint/performance/useDomNodeTextContent: the test checks the rendered text on purpose
          page.locator(selector).innerText();
        for (const p of clean.close.projects) {
          const cell = (m: string) => shown(`td[data-project="${p.project}"][data-measure="${m}"]`);
          expect(await cell("approvedHours")).toBe((p.approvedMinutes / 60).toFixed(2));
          expect(await cell("postedHours")).toBe((p.postedMinutes / 60).toFixed(2));
          for (const m of ["billed", "unbilled", "accrued", "recognized", "deferred"] as const) {
            expect(await cell(m), `${p.project} ${m}`).toBe(p[m]);
          }
          expect(await cell("tiesOut")).toBe(p.tiesOut ? "yes" : "no");
        }
        for (const t of clean.close.totals) {
          for (const m of ["billed", "unbilled", "recognized", "deferred"] as const) {
            expect(await shown(`td[data-total="${t.currency}"][data-measure="${m}"]`)).toBe(t[m]);
          }
        }
        expect(await shown('[data-kpi="posting-success"]')).toBe(clean.close.sla.postingSuccessRate);
        expect(await shown('[data-kpi="latency-p50"]')).toBe(String(clean.close.sla.latencyP50Minutes));
        expect(await shown('[data-kpi="latency-p95"]')).toBe(String(clean.close.sla.latencyP95Minutes));
        expect(await page.locator("tr[data-exception]").count()).toBe(clean.close.exceptions.length);
        for (const e of clean.revenue.entries) {
          expect(await shown(`td[data-journal="${e.journalKey}"]`)).toBe(e.amount);
        }
        expect(await page.locator("#chart-billing svg rect[fill]").count()).toBe(
          3 * clean.close.projects.length + 3,
        );
        expect(external).toEqual([]);
        await mkdir(outDir, { recursive: true });
        const shot = join(outDir, "report.png");
        await page.screenshot({ path: shot, fullPage: true });
        expect((await stat(shot)).size).toBeGreaterThan(10_000);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
