import { ValidationError } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { expense, user, workspace } from "../../test/fixtures.js";
import { toBillableExpense, toExpenseLine } from "./expense.js";

describe("expense mappers", () => {
  it("maps an approved billable expense to BillableExpense with exact money in its own currency", () => {
    expect(toBillableExpense(expense, { user, workspace })).toMatchObject({
      key: "kantata-expenses-66001",
      resource: { key: "kantata-users-7", name: "Ada Lovelace" },
      project: { key: "kantata-workspaces-4711" },
      date: "2026-11-04",
      category: "Lodging",
      amount: { amount: "234.56", currency: "EUR" },
      billable: true,
      reimbursable: true,
      approval: { state: "approved" },
    });
  });

  it("maps any expense to ExpenseLine with its approval state", () => {
    expect(toExpenseLine({ ...expense, approved: false }).approval.state).toBe("draft");
    expect(toExpenseLine({ ...expense, approved: false, active_submission_id: "12" }).approval.state).toBe(
      "other",
    );
  });

  it("rejects unapproved or non-billable expenses as BillableExpense, naming each reason", () => {
    try {
      toBillableExpense({ ...expense, approved: false, is_billable: false });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues.map((i) => i.path)).toEqual(["approved", "is_billable"]);
    }
  });

  it("rejects an empty category", () => {
    expect(() => toExpenseLine({ ...expense, category: "  " })).toThrow(ValidationError);
  });
});
