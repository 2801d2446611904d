import { describe, expect, it } from "vitest";
import {
  createIntegrationException,
  EngagementSchema,
  IntegrationExceptionSchema,
  InvoiceEventSchema,
} from "../src/index.js";
import { ref, source } from "./fixtures.js";

const engagement = {
  key: "salesforce-opportunity-006a",
  source: source("salesforce", "Opportunity", "006A"),
  client: ref("salesforce", "Account", "001A"),
  name: "Data platform SOW",
  status: { code: "active", raw: "Closed Won" },
  billingType: { code: "milestone", raw: "Milestone" },
  currency: "USD",
  billingTerms: {
    milestones: [{ code: "m1", name: "Discovery sign-off", amount: { amount: "12000.00", currency: "USD" } }],
  },
};

describe("billing milestones", () => {
  it("are part of an engagement's billing terms, in the engagement currency", () => {
    expect(EngagementSchema.safeParse(engagement).success).toBe(true);
    const euro = structuredClone(engagement);
    const first = euro.billingTerms.milestones[0];
    if (first) first.amount.currency = "EUR";
    const result = EngagementSchema.safeParse(euro);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["billingTerms", "milestones", 0, "amount", "currency"]);
  });
});

describe("invoice lines of kind time / expense", () => {
  const event = {
    key: "ledgerline-tm_invoice-p12_2026_11",
    source: source("ledgerline", "tm_invoice", "p12_2026_11"),
    kind: "time_and_materials",
    status: "ready",
    client: ref("salesforce", "Account", "001A"),
    project: ref("kantata", "workspaces", "12"),
    date: "2026-11-30",
    amount: { amount: "300.00", currency: "USD" },
    lines: [
      {
        kind: "time",
        description: "Time 2026-11-02",
        amount: { amount: "300.00", currency: "USD" },
        sourceKeys: ["kantata-time_entries-1"],
      },
    ],
  };

  it("point at exactly one posted record", () => {
    expect(InvoiceEventSchema.safeParse(event).success).toBe(true);
    const two = structuredClone(event);
    const line = two.lines[0];
    if (line) line.sourceKeys = ["kantata-time_entries-1", "kantata-time_entries-2"];
    const result = InvoiceEventSchema.safeParse(two);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["lines", 0, "sourceKeys"]);
  });
});

describe("exceptions with an amount", () => {
  it("carry the exact money they hold up", () => {
    const exception = createIntegrationException({
      code: "CUSTOMER_ON_HOLD",
      impact: "blocks-billing",
      message: "the client is on credit hold",
      record: { key: "ledgerline-tm_invoice-p12_2026_11", type: "InvoiceEvent" },
      amount: { amount: "1234.50", currency: "USD" },
      now: new Date("2026-12-01T00:00:00Z"),
    });
    expect(exception.amount).toEqual({ amount: "1234.50", currency: "USD" });
    expect(IntegrationExceptionSchema.safeParse(exception).success).toBe(true);
    expect(
      IntegrationExceptionSchema.safeParse({ ...exception, amount: { amount: 1234.5, currency: "USD" } })
        .success,
    ).toBe(false);
  });
});
