import { z } from "zod";
import { RevenueTreatment } from "./enums.js";
import { MoneySchema, sumMoney } from "./money.js";
import { recordFields } from "./record.js";
import { RefSchema } from "./ref.js";
import { IsoDateSchema } from "./source.js";

/** State of one revenue line. */
export const REVENUE_LINE_STATUSES = ["planned", "recognized", "reversed"] as const;

/** Revenue planned or recognised in one accounting period (`YYYY-MM`). */
export const RevenueLineSchema = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "must be a period YYYY-MM" }),
  amount: MoneySchema,
  status: z.enum(REVENUE_LINE_STATUSES),
  recognizedOn: IsoDateSchema.optional(),
});
/** A revenue line. */
export type RevenueLine = z.infer<typeof RevenueLineSchema>;

/** How revenue of a project / engagement is recognised over periods; lines sum exactly to `total`. */
export const RevenueScheduleSchema = z
  .object({
    ...recordFields,
    project: RefSchema,
    engagement: RefSchema.optional(),
    treatment: RevenueTreatment.schema,
    total: MoneySchema,
    lines: z.array(RevenueLineSchema),
  })
  .check((ctx) => {
    const { total, lines } = ctx.value;
    const mismatch = lines.findIndex((l) => l.amount.currency !== total.currency);
    if (mismatch !== -1) {
      ctx.issues.push({
        code: "custom",
        input: undefined,
        path: ["lines", mismatch, "amount", "currency"],
        message: "must equal total.currency",
      });
      return;
    }
    try {
      if (
        sumMoney(
          lines.map((l) => l.amount),
          total.currency,
        ).amount !== sumMoney([total]).amount
      ) {
        ctx.issues.push({
          code: "custom",
          input: undefined,
          path: ["lines"],
          message: "line amounts must sum exactly to total",
        });
      }
    } catch {
      // Malformed amounts are reported by the Money schema itself.
    }
  })
  .meta({ title: "RevenueSchedule", description: "Revenue recognition plan per period" });
/** A revenue schedule. See {@link RevenueScheduleSchema}. */
export type RevenueSchedule = z.infer<typeof RevenueScheduleSchema>;
