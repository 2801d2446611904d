import {
  type BillableExpense,
  type ExpenseLine,
  parseBillableExpense,
  parseExpenseLine,
} from "@ledgerline/canonical";
import { ValidationError, type ValidationIssue } from "@ledgerline/core";
import type {
  KantataExpense,
  KantataExpenseReportSubmission,
  KantataStory,
  KantataUser,
  KantataWorkspace,
} from "../kantata-types.js";
import { expenseApproval } from "./approval.js";
import { FieldReader, nameOf } from "./fields.js";
import { moneyFromCents } from "./money.js";
import { kantataOrigin, kantataRef } from "./source.js";

/** Records side-loaded with an expense that the expense mappers use when present (all optional). */
export interface ExpenseContext {
  user?: KantataUser | undefined;
  workspace?: KantataWorkspace | undefined;
  story?: KantataStory | undefined;
  /**
   * The expense's expense report submission (`include=active_submission`): the only source of its
   * approval. Without it, a submitted expense's approval is `other` (unknown), never guessed.
   */
  submission?: KantataExpenseReportSubmission | undefined;
}

/**
 * Kantata expense → canonical {@link ExpenseLine} in whatever approval state it is (see
 * {@link expenseApproval}). Pure and total: any record that is not a valid expense — of whatever shape —
 * throws a `ValidationError` naming every offending field with its reason (never a value). `amount` is
 * `amount_in_cents` in `currency`, exactly; `category` is Kantata's category text, trimmed, 1–64
 * characters.
 */
export function toExpenseLine(expense: KantataExpense, context: ExpenseContext = {}): ExpenseLine {
  const r = new FieldReader(expense, "Kantata expense");
  const id = r.id("id");
  const updatedAt = r.instant("updated_at");
  const userId = r.id("user_id");
  const workspaceId = r.id("workspace_id");
  const storyId = r.id("story_id", "nullable");
  const date = r.date("date");
  const rawCategory = r.string("category");
  const cents = r.integer("amount_in_cents");
  const currency = r.string("currency");
  const base = r.integer("currency_base_unit", "nullable");
  const billable = r.boolean("is_billable");
  const reimbursable = r.boolean("reimbursable", "nullable");
  const invoiced = r.boolean("is_invoiced", "nullable");
  const notes = r.string("notes", "nullable");
  const activeSubmissionId = r.id("active_submission_id", "nullable");
  const recentSubmissionId = r.id("recent_submission_id", "nullable");
  const category = rawCategory.trim();
  if (r.valid("category") && (category.length === 0 || category.length > 64)) {
    r.add("category", "must be 1 to 64 characters", "invalid_length");
  }
  r.check();
  const amount = moneyFromCents(cents, currency, "amount_in_cents", base);
  return parseExpenseLine({
    ...kantataOrigin("expenses", { id, updated_at: updatedAt }),
    resource: kantataRef("users", userId, nameOf(context.user, "full_name")),
    project: kantataRef("workspaces", workspaceId, nameOf(context.workspace, "title")),
    ...(storyId ? { task: kantataRef("stories", storyId, nameOf(context.story, "title")) } : {}),
    date,
    category,
    amount,
    billable,
    // Kantata treats an expense as reimbursable unless it says otherwise.
    reimbursable: reimbursable ?? true,
    approval: expenseApproval(
      { id, active_submission_id: activeSubmissionId, recent_submission_id: recentSubmissionId },
      submissionOf(context.submission),
    ),
    ...(notes ? { notes } : {}),
    ...(invoiced !== undefined ? { invoiced } : {}),
  });
}

/**
 * Kantata expense → canonical {@link BillableExpense}: only an expense in an approved expense report
 * submission that is billable qualifies. Throws `ValidationError` naming `active_submission_id` (not
 * approved) and/or `is_billable` otherwise (so a batch can reject it with the reason), and whatever
 * {@link toExpenseLine} throws.
 */
export function toBillableExpense(expense: KantataExpense, context: ExpenseContext = {}): BillableExpense {
  const line = toExpenseLine(expense, context);
  const issues: ValidationIssue[] = [];
  if (line.approval.state !== "approved") {
    issues.push({
      path: "active_submission_id",
      message: `expense is not in an approved expense report submission (approval ${line.approval.state})`,
      code: "APPROVAL_REQUIRED",
    });
  }
  if (!line.billable) {
    issues.push({ path: "is_billable", message: "expense is not billable", code: "NOT_BILLABLE" });
  }
  if (issues.length > 0)
    throw new ValidationError(`Expense ${line.source.id} is not a billable expense`, issues);
  return parseBillableExpense(line);
}

/** The side-loaded submission when its id, status and `expense_ids` are usable, else `undefined`. */
function submissionOf(
  submission: KantataExpenseReportSubmission | undefined,
): KantataExpenseReportSubmission | undefined {
  if (submission === undefined) return undefined;
  const r = new FieldReader(submission, "Kantata expense report submission");
  r.id("id");
  r.string("status");
  r.id("current_resolution_creator_id", "nullable");
  if (r.issues.length > 0) return undefined;
  return Array.isArray(submission.expense_ids) ? submission : undefined;
}
