import type { TimeEntry } from "@ledgerline/canonical";
import { MemoryLedger } from "@ledgerline/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type DeliveryPsa,
  editedAfterApproval,
  postDelivery,
  primaryIssue,
  rejectionException,
} from "../src/index.js";
import { type Harness, harness, PERIOD, policy, resources } from "./fixtures.js";

const entry = (extra: Partial<TimeEntry> = {}): TimeEntry => ({
  key: "kantata-time_entries-1",
  source: {
    system: "kantata",
    type: "time_entries",
    id: "1",
    version: "1",
    updatedAt: "2026-11-10T09:00:30Z",
  },
  resource: { key: "kantata-users-7" },
  project: { key: "kantata-workspaces-10" },
  date: "2026-11-02",
  minutes: 60,
  billable: true,
  approval: { state: "approved" },
  timesheetId: "900",
  ...extra,
});

describe("delivery rules", () => {
  it("files a record with several violations once, under the first by priority", () => {
    const issue = primaryIssue([
      { code: "DIMENSION_UNMAPPED", field: "dimensions.costCenter", message: "unmapped" },
      { code: "PERIOD_CLOSED", field: "date", message: "closed" },
      { code: "APPROVAL_REQUIRED", field: "approval.state", message: "pending" },
    ]);
    expect(issue?.code).toBe("APPROVAL_REQUIRED");
    expect(
      primaryIssue([
        { code: "X", message: "x" },
        { code: "PERIOD_CLOSED", message: "p" },
      ])?.code,
    ).toBe("PERIOD_CLOSED");
  });

  it("files dimension problems under canonical's MISSING_/UNMAPPED_ codes, other codes as they are", () => {
    const missing = rejectionException(entry(), {
      code: "DIMENSION_MISSING",
      field: "dimensions.costCenter",
      message: "cost center is required",
    });
    expect([missing.code, missing.subject, missing.minutes]).toEqual([
      "MISSING_COST_CENTER",
      "cost center",
      60,
    ]);
    const closed = rejectionException(entry(), { code: "PERIOD_CLOSED", field: "date", message: "closed" });
    expect([closed.code, closed.field, closed.subject]).toEqual([
      "PERIOD_CLOSED",
      "date",
      "period of 2026-11",
    ]);
  });

  it("edited after approval: later than the timesheet's approval by more than the tolerance", () => {
    const approvedAt = new Map([["900", "2026-11-10T09:00:00Z"]]);
    expect(editedAfterApproval(entry(), approvedAt)).toBe(false); // 30 s: the approval's own touch
    expect(editedAfterApproval(entry(), approvedAt, 10_000)).toBe(true);
    const later = entry({ source: { ...entry().source, updatedAt: "2026-11-12T00:00:00Z" } });
    expect(editedAfterApproval(later, approvedAt)).toBe(true);
    expect(editedAfterApproval({ ...later, approval: { state: "submitted" } }, approvedAt)).toBe(false);
    expect(editedAfterApproval({ ...later, timesheetId: "901" }, approvedAt)).toBe(false);
  });
});

describe("postDelivery when the PSA's projects cannot be read", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("holds time and expenses back as failed with the reason, reports the read, posts nothing of them", async () => {
    const psa: DeliveryPsa = {
      clients: (o) => h.psa.clients(o),
      timeEntries: (o) => h.psa.timeEntries(o),
      expenses: (o) => h.psa.expenses(o),
      pages: (key, params, o) => h.psa.pages(key, params, o),
      // biome-ignore lint/correctness/useYield: a read that fails before its first page
      projects: async function* () {
        throw new Error("Kantata answered 503 after every retry");
      },
    };
    const report = await postDelivery(
      { psa, netsuite: h.client(new MemoryLedger()) },
      { period: PERIOD, policy, resources },
    );
    expect(report.readFailures).toEqual([
      { what: "Kantata projects", error: "Error: Kantata answered 503 after every retry" },
    ]);
    const work = report.records.filter((r) => r.type === "TimeEntry" || r.type === "ExpenseLine");
    expect(work).toHaveLength(6);
    expect(new Set(work.map((r) => `${r.status} ${r.reason?.code}`))).toEqual(
      new Set(["failed SOURCE_UNREAD"]),
    );
    expect(h.netsuite.records("timeBill")).toEqual([]);
    expect(report.received).toBe(report.written + report.unchanged + report.rejected + report.failed);
  });
});
