import { ValidationError } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { ctx, timeEntry } from "../../test/fixtures.js";
import { toTimeBill } from "./time-bill.js";

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues.map((i) => [i.path, i.code]);
  }
  throw new Error("expected a ValidationError");
}

describe("toTimeBill", () => {
  it("maps an approved entry: H:MM hours, refs, dimensions, external id, no rate", () => {
    expect(toTimeBill(timeEntry("1"), ctx)).toEqual({
      externalId: "kantata-time_entries-1",
      employee: { id: "301" },
      customer: { id: "601" },
      caseTaskEvent: { id: "701" },
      tranDate: "2026-11-16",
      hours: "4:30",
      isBillable: true,
      memo: "Pipeline work",
      approvalStatus: { id: "3" },
      department: { id: "3" },
      class: { id: "7" },
      location: { id: "2" },
      subsidiary: { id: "4" },
    });
  });

  it("omits approvalStatus for accounts without time approval", () => {
    expect(toTimeBill(timeEntry("1"), { ...ctx, timeApprovalStatus: null })).not.toHaveProperty(
      "approvalStatus",
    );
  });

  it("formats short and long durations as H:MM", () => {
    expect(toTimeBill(timeEntry("1", { minutes: 5 }), ctx).hours).toBe("0:05");
    expect(toTimeBill(timeEntry("1", { minutes: 600 }), ctx).hours).toBe("10:00");
  });

  it("uses a resolver instead of ids.netsuite when given", () => {
    const body = toTimeBill(timeEntry("1", { task: undefined }), {
      ...ctx,
      resolve: (ref) => `id-of-${ref.key}`,
    });
    expect(body.employee).toEqual({ id: "id-of-workday-worker-9" });
    expect(body.caseTaskEvent).toBeUndefined();
  });

  it("refuses an unapproved entry and lists every unmappable field", () => {
    const entry = timeEntry("1", {
      approval: { state: "submitted" } as never,
      resource: { key: "workday-worker-x" },
      dimensions: { costCenter: "CC-999" },
      minutes: 0,
    });
    expect(issuesOf(() => toTimeBill(entry, ctx))).toEqual([
      ["approval.state", "APPROVAL_REQUIRED"],
      ["minutes", "INVALID_DURATION"],
      ["resource", "UNMAPPED"],
      ["dimensions.costCenter", "DIMENSION_UNMAPPED"],
    ]);
  });

  it("never puts the bill rate in the body or the error", () => {
    const entry = timeEntry("1", { billRate: { amount: "987.65", currency: "GBP" } });
    expect(JSON.stringify(toTimeBill(entry, ctx))).not.toContain("987.65");
  });
});
