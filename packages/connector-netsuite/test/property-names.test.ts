import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { MapContext } from "../src/mappers/context.js";
import { toCustomer } from "../src/mappers/customer.js";
import { toExpenseReport } from "../src/mappers/expense-report.js";
import { toInvoice } from "../src/mappers/invoice.js";
import { toJob } from "../src/mappers/job.js";
import { toTimeBill } from "../src/mappers/time-bill.js";
import { propertyNamesFromSpec } from "../src/testing/index.js";
import { client, ctx, expense, invoiceEvent, project, timeEntry } from "./fixtures.js";

// openapi/netsuite.yaml is the single list of NetSuite's real (case-sensitive) property names. Every field
// any mapper writes — body fields, sublist lines, references — must be in it, for that record.
const names = propertyNamesFromSpec(
  fileURLToPath(new URL("../../../openapi/netsuite.yaml", import.meta.url)),
);

/** Master data that makes every optional field of every mapper appear. */
const full: MapContext = {
  ...ctx,
  dimensions: {
    target: "netsuite",
    tables: {
      costCenter: { "CC-100": "3" },
      practice: { DATA: "7" },
      region: { EMEA: "2" },
      legalEntity: { UK: "4" },
      taxCode: { VAT20: "9" },
    },
  },
  currencies: { GBP: "2" },
  timeItem: "20",
};
const dims = { costCenter: "CC-100", practice: "DATA", region: "EMEA", legalEntity: "UK" };
const report = { key: "kantata-expense_reports-3", name: "November travel" };
const { lines: _lines, ...withoutLines } = invoiceEvent;

/** Each mapper with inputs that fill every field it can write. */
const bodies: Array<[type: string, body: Record<string, unknown>]> = [
  [
    "customer",
    toCustomer(
      { ...client, parent: { key: "p", ids: { netsuite: "500" } }, currency: "GBP", active: false },
      full,
    ),
  ],
  [
    "job",
    toJob(
      {
        ...project,
        endDate: "2027-03-31",
        projectManager: { key: "pm", ids: { netsuite: "300" } },
        status: { code: "completed" },
        dimensions: dims,
      },
      full,
    ),
  ],
  ["timeBill", toTimeBill(timeEntry("1", { dimensions: dims }), full)],
  [
    "expenseReport",
    toExpenseReport(
      [
        expense("1", {
          report,
          task: { key: "t", ids: { netsuite: "701" } },
          quantity: "2",
          notes: "Return",
          reimbursable: false,
          dimensions: dims,
        }),
        expense("2", { report }),
      ],
      full,
    ),
  ],
  ["invoice", toInvoice({ ...invoiceEvent, memo: "Phase 1", dimensions: dims }, full)],
  [
    "invoice",
    toInvoice(
      {
        ...invoiceEvent,
        amount: { amount: "10.00", currency: "GBP" },
        lines: [{ description: "T&M", amount: { amount: "10.00", currency: "GBP" }, quantity: "1.5" }],
      },
      full,
    ),
  ],
  ["invoice", toInvoice({ ...withoutLines, taxCode: "VAT20" }, full)],
];

describe("every property a mapper writes exists in openapi/netsuite.yaml", () => {
  for (const [type, body] of bodies) {
    it(`${type}: ${Object.keys(body).join(", ")}`, () => {
      expect(names.check(type, body).unknown).toEqual([]);
    });
  }

  it("covers every record type a mapper writes, and sublist lines", () => {
    expect(new Set(bodies.map(([type]) => type))).toEqual(
      new Set(["customer", "job", "timeBill", "expenseReport", "invoice"]),
    );
    const lines =
      (bodies.find(([t]) => t === "expenseReport")?.[1].expense as { items?: object[] } | undefined)?.items ??
      [];
    expect(Object.keys(lines[0] ?? {})).toEqual(
      expect.arrayContaining(["expensedate", "projecttask", "isnonreimbursable", "quantity", "currency"]),
    );
  });

  it("flags the names NetSuite does not have — including the ones the connector used to send", () => {
    expect(
      names
        .check("expenseReport", {
          supervisorApproval: true,
          expenseReportCurrency: { id: "2" },
          expense: { items: [{ expenseDate: "2026-11-16", isNonReimbursable: true, amount: 1 }] },
        })
        .unknown.map((u) => u.path),
    ).toEqual([
      "supervisorApproval",
      "expenseReportCurrency",
      "expense.items[0].expenseDate",
      "expense.items[0].isNonReimbursable",
    ]);
    expect(names.check("projectTask", { company: { id: "1" }, startDate: "2026-11-16" }).unknown).toEqual([
      { path: "company", name: "company" },
      { path: "startDate", name: "startDate" },
    ]);
    expect(names.check("timeBill", { employee: { id: "1", name: "x" } }).unknown).toEqual([
      { path: "employee.name", name: "name" },
    ]);
  });
});
