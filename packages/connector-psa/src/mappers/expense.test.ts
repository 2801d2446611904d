import { ValidationError } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { expense, expenseReport, user, workspace } from "../../test/fixtures.js";
import { toBillableExpense, toExpenseLine } from "./expense.js";

describe("expense mappers", () => {
  it("maps an expense of an approved expense report submission to BillableExpense, exact money", () => {
    expect(toBillableExpense(expense, { user, workspace, submission: expenseReport })).toMatchObject({
      key: "kantata-expenses-66001",
      resource: { key: "kantata-users-7", name: "Ada Lovelace" },
      project: { key: "kantata-workspaces-4711" },
      date: "2026-11-04",
      category: "Lodging",
      amount: { amount: "234.56", currency: "EUR" },
      billable: true,
      reimbursable: true,
      approval: { state: "approved", approvedBy: { key: "kantata-users-9" } },
    });
  });

  it("takes the approval from the submission's status, never from a guess", () => {
    const line = (submission?: typeof expenseReport, patch: Partial<typeof expense> = {}) =>
      toExpenseLine({ ...expense, ...patch }, submission ? { submission } : {}).approval.state;
    expect(line({ ...expenseReport, status: "pending" })).toBe("submitted");
    expect(line({ ...expenseReport, status: "rejected" })).toBe("rejected");
    expect(line({ ...expenseReport, status: "cancelled" })).toBe("draft");
    // submitted, but the submission is not in the response: unknown
    expect(line(undefined)).toBe("other");
    // a submission that does not list the expense tells nothing about it
    expect(line({ ...expenseReport, expense_ids: ["1"] })).toBe("other");
    // never submitted
    expect(line(undefined, { active_submission_id: null, recent_submission_id: null })).toBe("draft");
    // rejected: no longer active, the recent submission says why
    expect(line({ ...expenseReport, status: "rejected" }, { active_submission_id: null })).toBe("rejected");
  });

  it("rejects unapproved or non-billable expenses as BillableExpense, naming each reason", () => {
    try {
      toBillableExpense(
        { ...expense, is_billable: false },
        { submission: { ...expenseReport, status: "pending" } },
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues.map((i) => i.path)).toEqual([
        "active_submission_id",
        "is_billable",
      ]);
    }
  });

  it("rejects an empty category and a category that is not text, naming the field", () => {
    expect(() => toExpenseLine({ ...expense, category: "  " })).toThrow(ValidationError);
    for (const category of [null, 42, undefined]) {
      try {
        toExpenseLine({ ...expense, category } as unknown as typeof expense);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        expect((e as ValidationError).issues.map((i) => i.path)).toEqual(["category"]);
      }
    }
  });
});
