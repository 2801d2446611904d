import { summarizeExceptions } from "@ledgerline/canonical";
import { MemoryLedger } from "@ledgerline/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  postDelivery,
  readDeliverySnapshot,
  reconcileDelivery,
  rejectedKeys,
  type StepReport,
} from "../src/index.js";
import { type Harness, harness, PERIOD, policy, resources } from "./fixtures.js";

const statusOf = (report: StepReport, key: string) => report.records.find((r) => r.key === key)?.status;
const byStatus = (report: StepReport) =>
  Object.fromEntries(report.records.map((r) => [`${r.type} ${r.key}`, r.status]));

describe("postDelivery against the Kantata and NetSuite fakes", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("posts approved time and expenses; every record received ends in one bucket", async () => {
    const ledger = new MemoryLedger();
    const report = await postDelivery(
      { psa: h.psa, netsuite: h.client(ledger) },
      { period: PERIOD, policy, resources },
    );

    expect(report.step).toBe("postDelivery");
    expect(byStatus(report)).toEqual({
      "Client kantata-workspace_groups-20": "written",
      "Project kantata-workspaces-10": "written",
      "TimeEntry kantata-time_entries-501": "written",
      "TimeEntry kantata-time_entries-502": "written",
      "TimeEntry kantata-time_entries-503": "rejected", // not approved
      "TimeEntry kantata-time_entries-504": "rejected", // Grace's cost center has no department
      "ExpenseLine kantata-expenses-601": "written",
      "ExpenseLine kantata-expenses-602": "rejected", // its expense report is pending
    });
    expect(report.received).toBe(8);
    expect(report.written + report.unchanged + report.rejected + report.failed).toBe(report.received);
    expect([report.written, report.rejected, report.failed]).toEqual([5, 3, 0]);
    expect(
      h.netsuite
        .records("timeBill")
        .map((r) => r.externalId)
        .sort(),
    ).toEqual(["kantata-time_entries-501", "kantata-time_entries-502"]);
    expect(h.netsuite.records("expenseReport").map((r) => r.externalId)).toEqual(["kantata-expenses-601"]);
    const written = report.records.find((r) => r.key === "kantata-time_entries-501");
    expect(written?.targets?.netsuite).toBe(
      h.netsuite.records("timeBill").find((r) => r.externalId === written?.key)?.id,
    );
    expect(Object.keys(report.timings.phases)).toEqual([
      "read",
      "customers",
      "projects",
      "time entries",
      "expenses",
    ]);
    expect(report.readFailures).toEqual([]);
  });

  it("never posts unapproved time: rejected APPROVAL_REQUIRED on approval.state, with its minutes in the exception", async () => {
    const report = await postDelivery(
      { psa: h.psa, netsuite: h.client(new MemoryLedger()) },
      { period: PERIOD, policy, resources },
    );
    const record = report.records.find((r) => r.key === "kantata-time_entries-503");
    expect(record).toMatchObject({
      status: "rejected",
      reason: { code: "APPROVAL_REQUIRED", field: "approval.state" },
    });
    expect(h.netsuite.records("timeBill").some((r) => r.externalId === "kantata-time_entries-503")).toBe(
      false,
    );
    const exception = report.exceptions.find((e) => e.record.key === "kantata-time_entries-503");
    expect(exception).toMatchObject({
      code: "APPROVAL_REQUIRED",
      impact: "blocks-cost-posting",
      field: "approval.state",
      minutes: 90,
      subject: "awaiting approval",
    });
  });

  it("reports a rejected record with its reason code and field, and the exception with its subject and totals", async () => {
    const report = await postDelivery(
      { psa: h.psa, netsuite: h.client(new MemoryLedger()) },
      { period: PERIOD, policy, resources },
    );
    expect(report.records.find((r) => r.key === "kantata-time_entries-504")?.reason).toMatchObject({
      code: "DIMENSION_UNMAPPED",
      field: "dimensions.costCenter",
    });
    const exception = report.exceptions.find((e) => e.record.key === "kantata-time_entries-504");
    expect(exception).toMatchObject({
      code: "UNMAPPED_COST_CENTER",
      subject: "cost center CC-450 (Data & AI Lab)",
      minutes: 120,
      record: { project: "kantata-workspaces-10", resource: "kantata-users-8" },
    });
    // Never the value of a sensitive field: the bill rate is on the entry, not in the report.
    expect(JSON.stringify(report)).not.toContain("175.5");
    const expense = report.exceptions.find((e) => e.record.key === "kantata-expenses-602");
    expect(expense).toMatchObject({
      code: "APPROVAL_REQUIRED",
      amount: { amount: "42.50", currency: "USD" },
    });
  });

  it("a rerun writes nothing: unchanged through the ledger, the same rejections", async () => {
    const ledger = new MemoryLedger();
    const clients = { psa: h.psa, netsuite: h.client(ledger) };
    const first = await postDelivery(clients, { period: PERIOD, policy, resources });
    const second = await postDelivery(clients, { period: PERIOD, policy, resources });
    expect(second.written).toBe(0);
    expect(second.unchanged).toBe(first.written);
    expect(second.rejected).toBe(first.rejected);
    expect(h.netsuite.duplicateExternalIds()).toEqual([]);
    expect(h.netsuite.records("timeBill")).toHaveLength(2);
  });

  it("a failed write is reported with its error, and the rerun writes it once — no duplicate", async () => {
    const ledger = new MemoryLedger();
    const netsuite = h.client(ledger, { retry: false });
    h.netsuite.api.injectFault("unavailable", {
      route: "PUT /record/v1/timeBill/eid:{externalId}",
      times: 1,
    });
    const first = await postDelivery({ psa: h.psa, netsuite }, { period: PERIOD, policy, resources });
    const failed = first.records.filter((r) => r.status === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.type).toBe("TimeEntry");
    expect(failed[0]?.reason?.message).toMatch(/503|unavailable/i);
    expect(first.written).toBe(4);
    expect(h.netsuite.records("timeBill")).toHaveLength(1);

    const second = await postDelivery({ psa: h.psa, netsuite }, { period: PERIOD, policy, resources });
    expect(statusOf(second, failed[0]?.key ?? "")).toBe("written");
    expect([second.written, second.unchanged, second.failed]).toEqual([1, 4, 0]);
    expect(h.netsuite.records("timeBill")).toHaveLength(2);
    expect(h.netsuite.duplicateExternalIds()).toEqual([]);
  });

  it("posts an approved entry edited after approval and flags it (data quality), not one merely approved", async () => {
    const report = await postDelivery(
      { psa: h.psa, netsuite: h.client(new MemoryLedger()) },
      { period: PERIOD, policy, resources },
    );
    expect(statusOf(report, "kantata-time_entries-502")).toBe("written");
    const flagged = report.exceptions.filter((e) => e.code === "EDITED_AFTER_APPROVAL");
    expect(flagged.map((e) => [e.record.key, e.impact, e.minutes])).toEqual([
      ["kantata-time_entries-502", "data-quality", 240],
    ]);
  });

  it("its exceptions summarise into groups that add up to the rejected records, with exact totals", async () => {
    const report = await postDelivery(
      { psa: h.psa, netsuite: h.client(new MemoryLedger()) },
      { period: PERIOD, policy, resources },
    );
    const { groups } = summarizeExceptions(report.exceptions);
    const blocking = groups.filter((g) => g.impact !== "data-quality");
    expect(blocking.reduce((n, g) => n + g.count, 0)).toBe(report.rejected);
    expect(groups.map((g) => g.headline).sort()).toEqual([
      "1 expense blocked by missing approvals: awaiting approval (USD 42.50, 1 person)",
      "1 time entry blocked by missing approvals: awaiting approval (1:30 h, 1 person)",
      "1 time entry blocked by missing cost center mappings: cost center CC-450 (Data & AI Lab) (2:00 h, 1 person)",
      "1 time entry flagged for edits after approval (4:00 h, 1 person)",
    ]);
  });

  it("batch mode (NetSuite async jobs) ends in the same buckets, and a rerun in single mode finds them unchanged", async () => {
    const ledger = new MemoryLedger();
    const clients = { psa: h.psa, netsuite: h.client(ledger) };
    const batch = await postDelivery(clients, { period: PERIOD, policy, resources, mode: "batch" });
    expect([batch.written, batch.rejected, batch.failed]).toEqual([5, 3, 0]);
    const again = await postDelivery(clients, { period: PERIOD, policy, resources });
    expect([again.written, again.unchanged]).toEqual([0, 5]);
    expect(h.netsuite.duplicateExternalIds()).toEqual([]);
  });

  it("reconciles PSA approved vs NetSuite: every gap explained by a rejection", async () => {
    const ledger = new MemoryLedger();
    const netsuite = h.client(ledger);
    const snapshot = await readDeliverySnapshot(h.psa, { period: PERIOD, resources });
    const report = await postDelivery({ psa: h.psa, netsuite }, { period: PERIOD, policy, snapshot });
    const result = await reconcileDelivery(netsuite, ledger, snapshot, { explained: rejectedKeys(report) });
    expect(result.readFailures).toEqual([]);
    expect(result.time.totals).toEqual({ matched: 2, missingInTarget: 1, missingInSource: 0, mismatched: 0 });
    expect(result.time.projects).toMatchObject([
      { key: "kantata-workspaces-10", sourceMinutes: 810, targetMinutes: 690, explained: 1 },
    ]);
    expect(result.expenses.totals).toEqual({
      matched: 1,
      missingInTarget: 0,
      missingInSource: 0,
      mismatched: 0,
    });
    expect(result.expenses.projects[0]?.targetAmounts).toEqual([{ amount: "189.99", currency: "USD" }]);
  });
});
