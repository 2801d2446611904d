import type { BillableExpense } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import type { components } from "../generated/netsuite.js";
import {
  APPROVAL_REQUIRED,
  amountNumber,
  assertCanonical,
  codeRef,
  compact,
  currencyRef,
  decimalNumber,
  dimensionRef,
  dimensionRefs,
  IssueList,
  type MapContext,
  refId,
} from "./context.js";

/** A NetSuite `expenseReport` request body. */
export type ExpenseReportBody = components["schemas"]["ExpenseReport"];
/** One line of the `expense` sublist. */
export type ExpenseLineBody = components["schemas"]["ExpenseLine"];

/**
 * Maps approved billable expenses of one worker to a NetSuite `expenseReport` whose `expense` sublist holds
 * one line per expense. NetSuite's names are case-sensitive and mostly lower case here: the header carries
 * `entity`, `tranDate`, `memo`, `complete`, `supervisorapproval` (the PSA approved it) and
 * `expensereportcurrency` (when currencies are mapped); each line carries `expensedate`, `category`,
 * `amount`, `currency`, `customer` (the project), `projecttask`, `isBillable`, `isnonreimbursable`
 * (`true` for a company-paid expense — `reimbursable: false` — so it is not owed to the employee), `memo`,
 * `quantity`, `taxCode` and the dimensions. One expense gives a report keyed by the expense's key; several
 * must share `report` and the report's key is used. Upsert it with `replace=expense`, so a re-post replaces
 * the lines instead of appending them.
 * @throws ValidationError listing every field that cannot be mapped (an input that is not a canonical
 * expense line is refused field by field, code `INVALID_RECORD`; unapproved lines `APPROVAL_REQUIRED`)
 */
export function toExpenseReport(
  expenses: readonly BillableExpense[],
  ctx: MapContext = {},
): ExpenseReportBody {
  if (!Array.isArray(expenses) || expenses.length === 0)
    throw new ValidationError("an expense report needs at least one expense", [
      { path: "expenses", message: "must be a non-empty list of expenses", code: "INVALID_RECORD" },
    ]);
  const several = expenses.length > 1;
  for (const [i, expense] of expenses.entries()) {
    try {
      assertCanonical("ExpenseLine", expense);
    } catch (error) {
      if (!several || !(error instanceof ValidationError)) throw error;
      throw new ValidationError(
        error.message,
        error.issues.map((issue) => ({ ...issue, path: `expenses[${i}].${issue.path}` })),
      );
    }
  }
  const issues = new IssueList();
  const first = expenses[0] as BillableExpense;
  let externalId = first.key;
  if (several) {
    const reportKey = first.report?.key;
    if (!reportKey || expenses.some((e) => e.report?.key !== reportKey)) {
      issues.add("report", "expenses posted together must share the same report", "MIXED_REPORTS");
    } else {
      externalId = reportKey;
    }
    if (expenses.some((e) => e.resource.key !== first.resource.key)) {
      issues.add("resource", "expenses posted together must belong to the same worker", "MIXED_RESOURCES");
    }
    if (expenses.some((e) => e.amount.currency !== first.amount.currency)) {
      issues.add("amount.currency", "expenses posted together must share one currency", "MIXED_CURRENCIES");
    }
  }
  const lines = expenses.map((expense, i) =>
    toExpenseLine(expense, ctx, issues, several ? `expenses[${i}].` : ""),
  );
  const latest =
    expenses
      .map((e) => e.date)
      .sort()
      .at(-1) ?? first.date;
  const body = compact({
    externalId,
    entity: refId(ctx, first.resource, "resource", issues, "employee"),
    tranDate: latest,
    memo: first.report?.name,
    expensereportcurrency: currencyRef(ctx, first.amount.currency, "amount.currency", new IssueList()),
    complete: true,
    supervisorapproval: true,
    subsidiary: dimensionRefs(ctx, first.dimensions, new IssueList()).subsidiary,
    expense: { items: lines },
  }) satisfies ExpenseReportBody;
  if (issues.issues.length > 0)
    throw new ValidationError(`expense report ${externalId} cannot be mapped to NetSuite`, issues.issues);
  return body;
}

function toExpenseLine(
  expense: BillableExpense,
  ctx: MapContext,
  issues: IssueList,
  prefix: string,
): ExpenseLineBody {
  if (expense.approval.state !== "approved")
    issues.add(`${prefix}approval.state`, 'must be "approved" before posting', APPROVAL_REQUIRED);
  if (expense.billable !== true)
    issues.add(`${prefix}billable`, "must be true for a billable expense", "NOT_BILLABLE");
  const dims = dimensionRefs(ctx, expense.dimensions, issues, `${prefix}dimensions`);
  return compact({
    expensedate: expense.date,
    category: codeRef(
      ctx.expenseCategories,
      expense.category,
      `${prefix}category`,
      "expense category",
      issues,
    ),
    amount: amountNumber(expense.amount, `${prefix}amount`, issues),
    currency: currencyRef(ctx, expense.amount.currency, `${prefix}amount.currency`, issues),
    customer: refId(ctx, expense.project, `${prefix}project`, issues, "project"),
    projecttask: expense.task ? refId(ctx, expense.task, `${prefix}task`, issues, "project task") : undefined,
    isBillable: true,
    isnonreimbursable: !expense.reimbursable,
    memo: [expense.merchant, expense.notes].filter(Boolean).join(" - ") || undefined,
    quantity:
      expense.quantity === undefined
        ? undefined
        : decimalNumber(expense.quantity, `${prefix}quantity`, issues),
    taxCode: dimensionRef(ctx, "taxCode", expense.taxCode, `${prefix}taxCode`, "tax code", issues),
    department: dims.department,
    class: dims.class,
    location: dims.location,
  }) satisfies ExpenseLineBody;
}
