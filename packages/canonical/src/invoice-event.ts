import { z } from "zod";
import { CanonicalKeySchema } from "./canonical-key.js";
import { DECIMAL_PATTERN } from "./decimal.js";
import { DimensionsSchema } from "./dimensions.js";
import { MoneySchema, sumMoney } from "./money.js";
import { recordFields } from "./record.js";
import { CodeSchema, RefSchema } from "./ref.js";
import { IsoDateSchema } from "./source.js";

/** What triggered an invoice event. */
export const INVOICE_EVENT_KINDS = [
  "milestone",
  "time_and_materials",
  "expenses",
  "fixed_fee_installment",
  "retainer",
  "credit",
  "other",
] as const;

/** Life cycle of an invoice event. */
export const INVOICE_EVENT_STATUSES = ["pending", "ready", "invoiced", "cancelled"] as const;

/**
 * What an invoice line bills: a `fee` (a fixed amount: a milestone, an instalment), or one posted `time`
 * entry or `expense` re-billed at its own value (the ERP links the line to the posted record).
 */
export const INVOICE_LINE_KINDS = ["fee", "time", "expense"] as const;

/**
 * One line of an invoice event. `sourceKeys` are the canonical keys of the time/expenses it bills; a line of
 * kind `time` or `expense` bills exactly one (the posted record it points at). No kind means `fee`.
 */
export const InvoiceLineSchema = z.object({
  kind: z.enum(INVOICE_LINE_KINDS).optional(),
  description: z.string().min(1).max(4000),
  amount: MoneySchema,
  quantity: z.string().regex(DECIMAL_PATTERN).optional(),
  taxCode: CodeSchema.optional(),
  sourceKeys: z.array(CanonicalKeySchema).optional(),
});
/** An invoice line. */
export type InvoiceLine = z.infer<typeof InvoiceLineSchema>;

/**
 * Something billable happened (a milestone completed, a T&M period closed, a retainer fell due): the ERP
 * should raise an invoice for `amount`. When `lines` are given they sum exactly to `amount`.
 */
export const InvoiceEventSchema = z
  .object({
    ...recordFields,
    kind: z.enum(INVOICE_EVENT_KINDS),
    status: z.enum(INVOICE_EVENT_STATUSES),
    client: RefSchema,
    project: RefSchema,
    engagement: RefSchema.optional(),
    milestone: RefSchema.optional(),
    date: IsoDateSchema,
    dueDate: IsoDateSchema.optional(),
    amount: MoneySchema,
    taxCode: CodeSchema.optional(),
    lines: z.array(InvoiceLineSchema).optional(),
    invoiceNumber: z.string().max(64).optional(),
    dimensions: DimensionsSchema.optional(),
    memo: z.string().max(4000).optional(),
  })
  .check((ctx) => {
    const { amount, lines, kind, milestone } = ctx.value;
    if (kind === "milestone" && milestone === undefined) {
      ctx.issues.push({
        code: "custom",
        input: undefined,
        path: ["milestone"],
        message: 'is required when kind is "milestone"',
      });
    }
    if (!lines || lines.length === 0) return;
    for (const [i, line] of lines.entries()) {
      if ((line.kind === "time" || line.kind === "expense") && line.sourceKeys?.length !== 1) {
        ctx.issues.push({
          code: "custom",
          input: undefined,
          path: ["lines", i, "sourceKeys"],
          message: `must name exactly one record on a ${line.kind} line`,
        });
      }
    }
    const mismatch = lines.findIndex((l) => l.amount.currency !== amount.currency);
    if (mismatch !== -1) {
      ctx.issues.push({
        code: "custom",
        input: undefined,
        path: ["lines", mismatch, "amount", "currency"],
        message: "must equal amount.currency",
      });
      return;
    }
    try {
      const total = sumMoney(
        lines.map((l) => l.amount),
        amount.currency,
      );
      if (total.amount !== sumMoney([amount]).amount) {
        ctx.issues.push({
          code: "custom",
          input: undefined,
          path: ["lines"],
          message: "line amounts must sum exactly to amount",
        });
      }
    } catch {
      // Malformed amounts are reported by the Money schema itself.
    }
  })
  .meta({ title: "InvoiceEvent", description: "A billing trigger the ERP turns into an invoice" });
/** An invoice event. See {@link InvoiceEventSchema}. */
export type InvoiceEvent = z.infer<typeof InvoiceEventSchema>;
