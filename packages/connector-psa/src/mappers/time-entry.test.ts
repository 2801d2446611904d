import { isApprovedTimeEntry } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { milestone, submission, timeEntry, user, workspace } from "../../test/fixtures.js";
import { toTimeEntry } from "./time-entry.js";

describe("toTimeEntry (time entry → TimeEntry)", () => {
  it("maps an approved entry: integer minutes, exact hourly rates, references named from includes", () => {
    const entry = toTimeEntry(timeEntry, { user, workspace, story: milestone });
    expect(entry).toMatchObject({
      key: "kantata-time_entries-55001",
      source: { system: "kantata", type: "time_entries", id: "55001", version: "2026-11-07T12:00:00Z" },
      resource: { key: "kantata-users-7", name: "Ada Lovelace" },
      project: { key: "kantata-workspaces-4711", name: "Apollo ERP rollout" },
      task: { key: "kantata-stories-900", name: "Go-live" },
      date: "2026-11-03",
      minutes: 450,
      billable: true,
      approval: { state: "approved" },
      billRate: { amount: "175.50", currency: "USD" },
      costRate: { amount: "90.00", currency: "USD" },
      invoiced: false,
      timesheetId: "800",
    });
    expect(isApprovedTimeEntry(entry)).toBe(true);
  });

  it("tells pending, rejected, never-submitted and unknown approval states apart without guessing", () => {
    const unapproved = { ...timeEntry, approved: false };
    expect(toTimeEntry(unapproved, { submission }).approval.state).toBe("submitted");
    expect(
      toTimeEntry(unapproved, { submission: { ...submission, status: "rejected" } }).approval.state,
    ).toBe("rejected");
    expect(toTimeEntry({ ...unapproved, active_submission_id: null }).approval.state).toBe("draft");
    const unknown = toTimeEntry(unapproved).approval;
    expect(unknown.state).toBe("other");
    expect(unknown.raw).toMatch(/unknown/);
  });

  it("keeps zero-decimal currencies exact (JPY cents are yen)", () => {
    const entry = toTimeEntry({
      ...timeEntry,
      currency: "JPY",
      currency_base_unit: 1,
      rate_in_cents: 25_000,
    });
    expect(entry.billRate).toEqual({ amount: "25000", currency: "JPY" });
  });

  it("refuses a currency_base_unit that disagrees with the currency", () => {
    expect(() => toTimeEntry({ ...timeEntry, currency: "JPY", currency_base_unit: 100 })).toThrow(
      ValidationError,
    );
  });

  it("rejects fractional or out-of-range minutes, naming the field", () => {
    for (const minutes of [90.5, -1, 1441]) {
      try {
        toTimeEntry({ ...timeEntry, time_in_minutes: minutes });
        expect.unreachable();
      } catch (e) {
        expect((e as ValidationError).issues[0]?.path).toBe("time_in_minutes");
      }
    }
  });

  it("never puts the rate into an error message", () => {
    try {
      toTimeEntry({ ...timeEntry, rate_in_cents: 17_550.5 });
      expect.unreachable();
    } catch (e) {
      expect(String((e as Error).message)).not.toContain("17550");
      expect(JSON.stringify((e as ValidationError).issues)).not.toContain("17550");
    }
  });
});
