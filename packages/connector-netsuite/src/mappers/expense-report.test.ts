import { ValidationError } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { ctx, expense } from "../../test/fixtures.js";
import { toExpenseReport } from "./expense-report.js";

describe("toExpenseReport", () => {
  it("maps one billable expense to a report with one expense line", () => {
    expect(toExpenseReport([expense("1")], ctx)).toEqual({
      externalId: "kantata-expenses-1",
      entity: { id: "301" },
      tranDate: "2026-11-16",
      complete: true,
      supervisorapproval: true,
      expense: {
        items: [
          {
            expensedate: "2026-11-16",
            category: { id: "5" },
            amount: 123.45,
            customer: { id: "601" },
            isBillable: true,
            isnonreimbursable: false,
            memo: "Rail",
            taxCode: { id: "9" },
            department: { id: "3" },
          },
        ],
      },
    });
  });

  it("groups expenses of one report under the report's key", () => {
    const report = { key: "kantata-expense_reports-3", name: "November travel" };
    const body = toExpenseReport(
      [
        expense("1", { report }),
        expense("2", { report, date: "2026-11-18", amount: { amount: "10.00", currency: "GBP" } }),
      ],
      ctx,
    );
    expect(body.externalId).toBe(report.key);
    expect(body.tranDate).toBe("2026-11-18");
    expect(body.memo).toBe("November travel");
    expect(body.expense?.items?.map((l) => l.amount)).toEqual([123.45, 10]);
  });

  it("refuses mixed reports, unapproved lines, unmapped categories and inexact amounts", () => {
    const bad = expense("2", {
      approval: { state: "draft" } as never,
      category: "meals",
      amount: { amount: "1234567890123456.78", currency: "GBP" },
    });
    try {
      toExpenseReport([expense("1"), bad], ctx);
      expect.unreachable();
    } catch (e) {
      const paths = (e as { issues: { path: string }[] }).issues.map((i) => i.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          "report",
          "expenses[1].approval.state",
          "expenses[1].category",
          "expenses[1].amount.amount",
        ]),
      );
      expect(String((e as Error).message)).not.toContain("1234567890123456.78");
    }
  });

  it("posts a company-paid expense (reimbursable: false) with isnonreimbursable: true", () => {
    const body = toExpenseReport([expense("1", { reimbursable: false })], ctx);
    expect(body.expense?.items?.[0]).toMatchObject({ isnonreimbursable: true });
  });

  it("sends the report currency and line project task under NetSuite's lower-case names", () => {
    const body = toExpenseReport([expense("1", { task: { key: "t", ids: { netsuite: "701" } } })], {
      ...ctx,
      currencies: { GBP: "2" },
    });
    expect(body).toMatchObject({ expensereportcurrency: { id: "2" } });
    expect(body.expense?.items?.[0]).toMatchObject({ projecttask: { id: "701" }, currency: { id: "2" } });
  });

  it("refuses an unapproved expense with canonical's APPROVAL_REQUIRED", () => {
    try {
      toExpenseReport([expense("1", { approval: { state: "submitted" } as never })], ctx);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues).toEqual([
        expect.objectContaining({ path: "approval.state", code: "APPROVAL_REQUIRED" }),
      ]);
    }
  });

  it("refuses a record that is not a canonical expense field by field, without its values", () => {
    const hostile = { ...expense("1"), category: 42, amount: { amount: "secret-9.99", currency: "GBP" } };
    try {
      toExpenseReport([hostile as never], ctx);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const issues = (e as ValidationError).issues;
      expect(issues.map((i) => [i.path, i.code])).toEqual(
        expect.arrayContaining([
          ["category", "INVALID_RECORD"],
          ["amount.amount", "INVALID_RECORD"],
        ]),
      );
      expect(JSON.stringify(issues) + (e as Error).message).not.toContain("secret-9.99");
    }
  });
});
