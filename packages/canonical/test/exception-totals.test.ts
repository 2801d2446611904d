import { describe, expect, it } from "vitest";
import {
  createIntegrationException,
  type IntegrationExceptionInput,
  IntegrationExceptionSchema,
  money,
  summarizeExceptions,
} from "../src/index.js";

const now = new Date("2026-10-31T12:00:00Z");

const time = (n: number, code: string, extra: Partial<IntegrationExceptionInput> = {}) =>
  createIntegrationException({
    code,
    impact: "blocks-cost-posting",
    message: "held back",
    record: { key: `kantata-time_entries-${n}`, type: "TimeEntry", project: "p-108" },
    now,
    ...extra,
  });

describe("summarizeExceptions with subjects and totals", () => {
  it("groups by subject with exact minute totals and distinct people", () => {
    const unmapped = (n: number, minutes: number, resource: string) =>
      time(n, "UNMAPPED_COST_CENTER", {
        subject: "cost center CC-450 (Data & AI Lab)",
        minutes,
        record: { key: `kantata-time_entries-${n}`, type: "TimeEntry", resource },
      });
    const summary = summarizeExceptions(
      [
        unmapped(1, 60, "u1"),
        unmapped(2, 45, "u2"),
        unmapped(3, 15, "u1"),
        unmapped(3, 15, "u1"), // the same exception seen again: counted once, its minutes too
        time(4, "UNMAPPED_COST_CENTER", { subject: "cost center CC-460", minutes: 30 }),
      ],
      { now },
    );
    const [cc450, cc460] = summary.groups;
    expect(cc450).toMatchObject({
      subject: "cost center CC-450 (Data & AI Lab)",
      count: 3,
      minutes: 120,
      people: 2,
    });
    expect(cc450?.occurrences).toBe(4);
    expect(cc450?.headline).toBe(
      "3 time entries blocked by missing cost center mappings: cost center CC-450 (Data & AI Lab) (2:00 h, 2 people)",
    );
    expect(cc460?.headline).toBe(
      "1 time entry blocked by missing cost center mappings: cost center CC-460 (0:30 h)",
    );
    expect(summary.total).toBe(4);
  });

  it("totals money exactly per currency (no binary float drift)", () => {
    const expense = (n: number, amount: string, currency: string) =>
      createIntegrationException({
        code: "PROJECT_STATUS_NOT_POSTABLE",
        impact: "blocks-cost-posting",
        message: "project closed",
        subject: "P-108 Tailspin, closed 2026-10-16",
        amount: money(amount, currency),
        record: { key: `kantata-expenses-${n}`, type: "ExpenseLine", project: "p-108" },
        now,
      });
    const cents = Array.from({ length: 10 }, (_, i) => expense(i, "0.10", "USD"));
    const [group] = summarizeExceptions([...cents, expense(20, "19.99", "EUR"), expense(21, "1500", "JPY")], {
      now,
    }).groups;
    expect(group?.amounts).toEqual([money("19.99", "EUR"), money("1500", "JPY"), money("1.00", "USD")]);
    expect(group?.minutes).toBeUndefined();
    expect(group?.headline).toBe(
      "12 expenses blocked by project statuses that do not accept postings: P-108 Tailspin, closed 2026-10-16 (EUR 19.99 + JPY 1500 + USD 1.00)",
    );
  });

  it("keeps the plain headline when exceptions carry no subject or totals, and flags data quality", () => {
    const summary = summarizeExceptions(
      [
        time(1, "APPROVAL_REQUIRED"),
        time(2, "APPROVAL_REQUIRED"),
        time(3, "EDITED_AFTER_APPROVAL", { impact: "data-quality", minutes: 90 }),
      ],
      { now },
    );
    expect(summary.groups.map((g) => g.headline)).toEqual([
      "2 time entries blocked by missing approvals",
      "1 time entry flagged for edits after approval (1:30 h)",
    ]);
    expect(summary.groups[0]?.minutes).toBeUndefined();
    expect(summary.groups[0]?.people).toBeUndefined();
  });

  it("an exception with totals is still valid against the schema; a fractional minute is not", () => {
    const ok = time(1, "APPROVAL_REQUIRED", { minutes: 15, subject: "awaiting approval" });
    expect(IntegrationExceptionSchema.safeParse(ok).success).toBe(true);
    const bad = IntegrationExceptionSchema.safeParse({ ...ok, minutes: 1.5 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["minutes"]);
  });
});
