import { z } from "zod";
import { ApprovalSchema, ApprovedApprovalSchema } from "./approval.js";
import { DECIMAL_PATTERN } from "./decimal.js";
import { DimensionsSchema } from "./dimensions.js";
import { MoneySchema } from "./money.js";
import { recordFields } from "./record.js";
import { CodeSchema, RefSchema } from "./ref.js";
import { IsoDateSchema } from "./source.js";

const expenseFields = {
  ...recordFields,
  /** Who incurred it. */
  resource: RefSchema,
  project: RefSchema,
  task: RefSchema.optional(),
  date: IsoDateSchema,
  /** Expense category code (travel, lodging, meals…). */
  category: CodeSchema,
  /** Amount in the transaction currency, tax included when `tax` is given. */
  amount: MoneySchema,
  /** Tax part of `amount`, same currency. */
  tax: MoneySchema.optional(),
  taxCode: CodeSchema.optional(),
  quantity: z.string().regex(DECIMAL_PATTERN).optional(),
  billable: z.boolean(),
  reimbursable: z.boolean(),
  approval: ApprovalSchema,
  merchant: z.string().max(255).optional(),
  notes: z.string().max(4000).optional(),
  dimensions: DimensionsSchema.optional(),
  invoiced: z.boolean().optional(),
  /** The expense report this line belongs to at the source. */
  report: RefSchema.optional(),
};

function checkTaxCurrency(ctx: {
  value: { amount: { currency: string }; tax?: { currency: string } | undefined };
  issues: { code: "custom"; input: unknown; path: PropertyKey[]; message: string }[];
}): void {
  const { amount, tax } = ctx.value;
  if (tax && tax.currency !== amount.currency) {
    ctx.issues.push({
      code: "custom",
      input: tax.currency,
      path: ["tax", "currency"],
      message: "must equal amount.currency",
    });
  }
}

/** An expense line in any approval state (Kantata `expenses`, a NetSuite `expenseReport` line). */
export const ExpenseLineSchema = z
  .object(expenseFields)
  .check((ctx) => checkTaxCurrency(ctx as Parameters<typeof checkTaxCurrency>[0]))
  .meta({ title: "ExpenseLine", description: "An expense line in any approval state" });
/** An expense line. See {@link ExpenseLineSchema}. */
export type ExpenseLine = z.infer<typeof ExpenseLineSchema>;

/** An approved, billable expense: what may be posted and re-billed to the client. */
export const BillableExpenseSchema = z
  .object({
    ...expenseFields,
    billable: z.literal(true, { error: "must be true" }),
    approval: ApprovedApprovalSchema,
  })
  .check((ctx) => checkTaxCurrency(ctx as Parameters<typeof checkTaxCurrency>[0]))
  .meta({ title: "BillableExpense", description: "An approved billable expense" });
/** A billable expense. See {@link BillableExpenseSchema}. */
export type BillableExpense = z.infer<typeof BillableExpenseSchema>;
