import { describe, expect, it } from "vitest";
import { type BilledInvoice, billedTotals } from "../src/index.js";

const usd = (amount: string) => ({ amount, currency: "USD" as const });

function invoice(key: string, overrides: Partial<BilledInvoice>): BilledInvoice {
  return {
    key,
    kind: "milestone",
    project: "kantata-workspaces-10",
    period: "2026-11",
    date: "2026-11-30",
    amount: usd("0.00"),
    status: "written",
    work: [],
    ...overrides,
  };
}

describe("billedTotals", () => {
  it("sums raised invoices per project and period by kind, exactly; blocked, failed and repeated ones do not count", () => {
    const totals = billedTotals([
      invoice("a", { amount: usd("12000.00") }),
      invoice("b", { kind: "time_and_materials", amount: usd("0.10") }),
      invoice("c", { kind: "time_and_materials", amount: usd("0.20"), status: "unchanged" }),
      invoice("c", { kind: "time_and_materials", amount: usd("0.20"), status: "unchanged" }),
      invoice("d", { amount: usd("500.00"), status: "rejected" }),
      invoice("e", { amount: usd("700.00"), status: "failed" }),
      invoice("f", { amount: usd("1.00"), period: "2026-12" }),
    ]);
    expect(totals).toEqual([
      {
        project: "kantata-workspaces-10",
        period: "2026-11",
        milestones: usd("12000.00"),
        timeAndMaterials: usd("0.30"),
        total: usd("12000.30"),
        invoices: ["a", "b", "c"],
      },
      {
        project: "kantata-workspaces-10",
        period: "2026-12",
        milestones: usd("1.00"),
        timeAndMaterials: usd("0.00"),
        total: usd("1.00"),
        invoices: ["f"],
      },
    ]);
  });
});
