import { mkdir, readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { money } from "@ledgerline/canonical";
import type { NetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { MemoryLedger } from "@ledgerline/core";
import { chromium } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import {
  type BillingPositions,
  closePeriod,
  recognizeRevenue,
  summarizeClose,
  summarizeRevenue,
  writeCloseReport,
} from "../src/index.js";
import { CHROMIUM_MISSING, findChromium } from "./chromium.js";
import { accounts, engagement, milestone, netsuiteOver, project, time } from "./fixtures-revenue.js";

const executablePath = findChromium();
const inCi = process.env.CI === "true" || process.env.CI === "1";
if (!executablePath && !inCi) console.warn(`report-browser.test.ts skipped locally: ${CHROMIUM_MISSING}`);
const outDir = resolve(import.meta.dirname, "../../../test-results/flows-report");

let fake: NetSuiteFake | undefined;
afterAll(async () => {
  fake?.assertNoViolations();
  await fake?.close();
});

describe("the close report in a real headless Chromium", () => {
  it("Chromium is available in CI", () => {
    // Fails the CI run (instead of skipping) when .ci/run did not install Chromium.
    if (inCi && !executablePath) throw new Error(CHROMIUM_MISSING);
    expect(inCi ? executablePath : true).toBeTruthy();
  });

  it.skipIf(!executablePath && !inCi)(
    "renders offline with the figures of the JSON summary, and saves a screenshot",
    async () => {
      if (!executablePath) throw new Error(CHROMIUM_MISSING);
      // A small chain on the fakes: revenue for a T&M and a milestone project, then the close.
      const ledger = new MemoryLedger();
      const over = netsuiteOver(ledger);
      fake = over.fake;
      const tm = project("1");
      const fixed = project("2", { billingType: { code: "fixed_fee" }, name: "Fixed <fee> & co" });
      await over.netsuite.upsertProjects([tm, fixed]);
      const tmTime = [time(tm.key, "1", "2026-02-02", 120), time(tm.key, "2", "2026-02-03", 90)];
      await over.netsuite.postTime([tmTime[0]!]); // the second entry stays approved and unposted
      const revenue = await recognizeRevenue({
        netsuite: over.netsuite,
        ledger,
        asOf: "2026-02-27",
        accounts,
        projects: [
          { project: tm, time: tmTime },
          {
            project: fixed,
            engagement: engagement("2", {
              billingTerms: { contractValue: { amount: "9000.00", currency: "USD" } },
            }),
            milestones: [
              milestone(fixed.key, "21", "3000.00", "2026-02-10"),
              milestone(fixed.key, "22", "6000.00"),
            ],
          },
        ],
      });
      const billing: BillingPositions = () => [
        { project: tm.key, billed: money("300.00", "USD"), unbilled: money("225.00", "USD") },
        { project: fixed.key, billed: money("3000.00", "USD"), unbilled: money("0.00", "USD") },
      ];
      const schedules = new Map(revenue.schedules.map((s) => [s.project.key, s]));
      const close = await closePeriod({
        period: "2026-02",
        ledger,
        billing,
        projects: [
          { project: tm, time: tmTime, schedule: schedules.get(tm.key)! },
          {
            project: fixed,
            schedule: schedules.get(fixed.key)!,
            milestones: [
              milestone(fixed.key, "21", "3000.00", "2026-02-10"),
              milestone(fixed.key, "22", "6000.00"),
            ],
          },
        ],
      });
      const summary = { revenue: summarizeRevenue(revenue), close: summarizeClose(close) };
      expect(summary.close.exceptions.map((e) => e.code)).toEqual(["CLOSE_UNPOSTED_TIME"]);

      await mkdir(outDir, { recursive: true });
      const file = join(outDir, "report.html");
      await writeCloseReport(file, { close, revenue });

      const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
      try {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        const external: string[] = [];
        await page.route("**/*", (route) => {
          const url = route.request().url();
          if (url.startsWith("file:")) return route.continue();
          external.push(url);
          return route.abort();
        });
        await page.goto(pathToFileURL(file).href);
        /** The text as rendered (layout and CSS applied): what a person sees, not the DOM's raw text. */
        const shown = (selector: string) =>
          // biome-ignore lint/performance/useDomNodeTextContent: the test checks the rendered text on purpose
          page.locator(selector).innerText();
        const cell = (projectKey: string, measure: string) =>
          shown(`td[data-project="${projectKey}"][data-measure="${measure}"]`);
        for (const p of summary.close.projects) {
          expect(await cell(p.project, "project")).toBe(p.name);
          expect(await cell(p.project, "approvedHours")).toBe((p.approvedMinutes / 60).toFixed(2));
          expect(await cell(p.project, "postedHours")).toBe((p.postedMinutes / 60).toFixed(2));
          for (const measure of ["billed", "unbilled", "accrued", "recognized", "deferred"] as const) {
            expect(await cell(p.project, measure), `${p.project} ${measure}`).toBe(p[measure]);
          }
          expect(await cell(p.project, "subsidiaryBilled")).toBe(p.subsidiary.billed);
          expect(await cell(p.project, "tiesOut")).toBe(p.tiesOut ? "yes" : "no");
        }
        const total = summary.close.totals[0]!;
        expect(await shown(`td[data-total="${total.currency}"][data-measure="billed"]`)).toBe(total.billed);
        expect(await shown('[data-kpi="posting-success"]')).toBe(summary.close.sla.postingSuccessRate);
        expect(await shown('[data-kpi="latency-p95"]')).toBe(String(summary.close.sla.latencyP95Minutes));
        expect(await page.locator("tr[data-exception]").count()).toBe(summary.close.exceptions.length);
        for (const entry of summary.revenue.entries) {
          expect(await shown(`td[data-journal="${entry.journalKey}"]`)).toBe(entry.amount);
        }
        // The charts are drawn: three bars per project, one per latency and aging bucket.
        expect(await page.locator("#chart-billing svg rect[fill]").count()).toBe(
          3 * summary.close.projects.length + 3,
        );
        const box = await page.locator("#chart-billing svg").boundingBox();
        expect(box?.width).toBeGreaterThan(300);
        expect(await page.locator("#chart-latency svg rect").count()).toBe(
          summary.close.sla.latencyHistogram.length + 1,
        );
        expect(await page.locator("#chart-aging svg rect").count()).toBe(
          summary.close.sla.exceptionAging.length + 1,
        );
        expect(external).toEqual([]); // nothing from the network
        const shot = join(outDir, "report.png");
        await page.screenshot({ path: shot, fullPage: true });
        expect((await stat(shot)).size).toBeGreaterThan(10_000);
        expect(await readFile(file, "utf8")).not.toContain("Fixed <fee>");
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
