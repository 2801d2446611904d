import type { BillableExpense, ExpenseLine } from "@ledgerline/canonical";
import { toExpenseReport } from "../mappers/expense-report.js";
import type { RecordSpec } from "./post-records.js";
import { assertPostable, type PostingPolicy } from "./posting-policy.js";

/**
 * How billable expenses are written: one `expenseReport` per expense (external id = the expense's key)
 * with its line in the `expense` sublist, upserted with `replace=expense` so a re-post never adds lines.
 */
export function expenseReportSpec(policy?: PostingPolicy<ExpenseLine>): RecordSpec<BillableExpense> {
  return {
    type: "expenseReport",
    shape: "ExpenseLine",
    keyOf: (expense) => expense.key,
    versionOf: (expense) => expense.source?.version,
    refsOf: (expense) => [expense.resource, expense.project, expense.task],
    check: (expense) => assertPostable(expense, policy),
    map: (expense, ctx) => toExpenseReport([expense], ctx),
    replace: ["expense"],
  };
}
