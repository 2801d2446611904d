import {
  type BillableExpense,
  type ExpenseLine,
  parseBillableExpense,
  parseExpenseLine,
} from "@ledgerline/canonical";
import { ValidationError, type ValidationIssue } from "@ledgerline/core";
import type { KantataExpense, KantataStory, KantataUser, KantataWorkspace } from "../kantata-types.js";
import { kantataApproval } from "./approval.js";
import { moneyFromCents } from "./money.js";
import { kantataOrigin, kantataRef } from "./source.js";

/** Records side-loaded with an expense that the expense mappers use when present (all optional). */
export interface ExpenseContext {
  user?: KantataUser | undefined;
  workspace?: KantataWorkspace | undefined;
  story?: KantataStory | undefined;
}

/**
 * Kantata expense → canonical {@link ExpenseLine} in whatever approval state it is. Pure. `amount` is
 * `amount_in_cents` in `currency`, exactly; `category` is Kantata's category text as is (trimmed).
 *
 * Throws {@link ValidationError} naming `category` when it is empty or longer than 64 characters.
 */
export function toExpenseLine(expense: KantataExpense, context: ExpenseContext = {}): ExpenseLine {
  const category = expense.category.trim();
  if (category.length === 0 || category.length > 64) {
    throw new ValidationError(`Expense ${expense.id} has an invalid category`, [
      { path: "category", message: "must be 1 to 64 characters" },
    ]);
  }
  const amount = moneyFromCents(
    expense.amount_in_cents,
    expense.currency,
    "amount_in_cents",
    expense.currency_base_unit,
  );
  return parseExpenseLine({
    ...kantataOrigin("expenses", expense),
    resource: kantataRef("users", expense.user_id, context.user?.full_name),
    project: kantataRef("workspaces", expense.workspace_id, context.workspace?.title),
    ...(expense.story_id ? { task: kantataRef("stories", expense.story_id, context.story?.title) } : {}),
    date: expense.date,
    category,
    amount,
    billable: expense.is_billable,
    reimbursable: expense.reimbursable,
    approval: kantataApproval(expense),
    ...(expense.notes ? { notes: expense.notes } : {}),
    ...(expense.is_invoiced !== undefined ? { invoiced: expense.is_invoiced } : {}),
  });
}

/**
 * Kantata expense → canonical {@link BillableExpense}: only an approved, billable expense qualifies.
 * Throws {@link ValidationError} naming `approved` and/or `is_billable` otherwise (so a batch can reject it
 * with the reason), and whatever {@link toExpenseLine} throws.
 */
export function toBillableExpense(expense: KantataExpense, context: ExpenseContext = {}): BillableExpense {
  const issues: ValidationIssue[] = [];
  if (!expense.approved)
    issues.push({ path: "approved", message: "expense is not approved", code: "APPROVAL_REQUIRED" });
  if (!expense.is_billable)
    issues.push({ path: "is_billable", message: "expense is not billable", code: "NOT_BILLABLE" });
  if (issues.length > 0) throw new ValidationError(`Expense ${expense.id} is not a billable expense`, issues);
  const line = toExpenseLine(expense, context);
  return parseBillableExpense(line);
}
