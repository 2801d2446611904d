import { z } from "zod";
import { CurrencyCodeSchema } from "./currency.js";
import { DECIMAL_PATTERN } from "./decimal.js";
import { DimensionsSchema } from "./dimensions.js";
import { MoneySchema, toMinorUnits } from "./money.js";
import { PeriodSchema } from "./period.js";
import { recordFields } from "./record.js";
import { CodeSchema, RefSchema } from "./ref.js";
import { IsoDateSchema } from "./source.js";

/**
 * One line of a journal entry: a GL account (by the firm's account code, mapped to the ERP's account id by
 * the connector), exactly one of `debit` or `credit` (positive, in the entry's currency), a memo, the line's
 * financial dimensions and the entity (customer / project) it concerns.
 */
export const JournalLineSchema = z.object({
  account: CodeSchema,
  debit: MoneySchema.optional(),
  credit: MoneySchema.optional(),
  memo: z.string().max(4000).optional(),
  dimensions: DimensionsSchema.optional(),
  entity: RefSchema.optional(),
});
/** A journal line. See {@link JournalLineSchema}. */
export type JournalLine = z.infer<typeof JournalLineSchema>;

/**
 * A balanced journal entry (NetSuite `journalEntry`) in one accounting period: lines in the transaction
 * `currency`, and the `exchangeRate` (units of the subsidiary's currency per unit of `currency`) used for
 * the subsidiary's books. Debits equal credits exactly; every line carries exactly one positive side.
 */
export const JournalEntrySchema = z
  .object({
    ...recordFields,
    date: IsoDateSchema,
    period: PeriodSchema,
    currency: CurrencyCodeSchema,
    exchangeRate: z.string().regex(DECIMAL_PATTERN).optional(),
    project: RefSchema.optional(),
    memo: z.string().max(4000).optional(),
    dimensions: DimensionsSchema.optional(),
    lines: z.array(JournalLineSchema).min(2),
  })
  .check((ctx) => {
    const { lines, currency } = ctx.value;
    let debits = 0n;
    let credits = 0n;
    for (const [i, line] of lines.entries()) {
      const sides = [line.debit, line.credit].filter((s) => s !== undefined);
      if (sides.length !== 1) {
        ctx.issues.push({
          code: "custom",
          input: undefined,
          path: ["lines", i],
          message: "must have exactly one of debit and credit",
        });
        return;
      }
      const side = sides[0]!;
      if (side.currency !== currency) {
        ctx.issues.push({
          code: "custom",
          input: side.currency,
          path: ["lines", i, line.debit ? "debit" : "credit", "currency"],
          message: "must equal the entry currency",
        });
        return;
      }
      let minor: bigint;
      try {
        minor = toMinorUnits(side);
      } catch {
        return; // reported by the Money schema
      }
      if (minor < 0n) {
        ctx.issues.push({
          code: "custom",
          input: undefined,
          path: ["lines", i, line.debit ? "debit" : "credit", "amount"],
          message: "must not be negative (use the other side)",
        });
        return;
      }
      if (line.debit) debits += minor;
      else credits += minor;
    }
    if (debits !== credits) {
      ctx.issues.push({
        code: "custom",
        input: undefined,
        path: ["lines"],
        message: "debits must equal credits exactly",
      });
    }
  })
  .meta({ title: "JournalEntry", description: "A balanced journal entry in one accounting period" });
/** A journal entry. See {@link JournalEntrySchema}. */
export type JournalEntry = z.infer<typeof JournalEntrySchema>;
