import type { JournalEntry } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import type { components } from "../generated/netsuite.js";
import {
  amountNumber,
  assertCanonical,
  codeRef,
  compact,
  currencyRef,
  decimalNumber,
  dimensionRefs,
  IssueList,
  type MapContext,
  refId,
} from "./context.js";

/** A NetSuite `journalEntry` request body. */
export type JournalEntryBody = components["schemas"]["JournalEntry"];

/**
 * Maps a canonical journal entry to a NetSuite `journalEntry`: `tranDate`, `postingPeriod` (when the
 * context maps periods), `currency` and `exchangeRate`, `memo`, the header's subsidiary and segments from
 * its dimensions, and the `line` sublist — each line's `account` (the account code mapped through
 * `accounts`), its `debit` or `credit`, `memo`, `entity` (the project) and segments. Upsert it with
 * `replace=line`, so an adjusted entry replaces its lines instead of adding to them.
 * @throws ValidationError listing every field that cannot be mapped (`INVALID_RECORD` when the input is not a
 * balanced canonical JournalEntry)
 */
export function toJournalEntry(entry: JournalEntry, ctx: MapContext = {}): JournalEntryBody {
  assertCanonical("JournalEntry", entry);
  const issues = new IssueList();
  const header = dimensionRefs(ctx, entry.dimensions, issues);
  const lines = entry.lines.map((line, i) => {
    const { subsidiary: _subsidiary, ...segments } = dimensionRefs(
      ctx,
      line.dimensions,
      issues,
      `lines[${i}].dimensions`,
    );
    return compact({
      account: codeRef(ctx.accounts, line.account, `lines[${i}].account`, "account", issues),
      debit: line.debit ? amountNumber(line.debit, `lines[${i}].debit`, issues) : undefined,
      credit: line.credit ? amountNumber(line.credit, `lines[${i}].credit`, issues) : undefined,
      memo: line.memo,
      entity: line.entity ? refId(ctx, line.entity, `lines[${i}].entity`, issues, "project") : undefined,
      ...segments,
    });
  });
  if (!ctx.accounts)
    issues.add("accounts", "no NetSuite accounts are configured for journal lines", "UNMAPPED");
  const body = compact({
    externalId: entry.key,
    tranDate: entry.date,
    postingPeriod: ctx.postingPeriods
      ? codeRef(ctx.postingPeriods, entry.period, "period", "accounting period", issues)
      : undefined,
    currency: currencyRef(ctx, entry.currency, "currency", issues),
    exchangeRate:
      entry.exchangeRate === undefined
        ? undefined
        : decimalNumber(entry.exchangeRate, "exchangeRate", issues),
    memo: entry.memo,
    ...header,
    line: { items: lines },
  }) satisfies JournalEntryBody;
  if (issues.issues.length > 0)
    throw new ValidationError(`journal entry ${entry.key} cannot be mapped to NetSuite`, issues.issues);
  return body;
}
