import type { InvoiceEvent } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import type { components } from "../generated/netsuite.js";
import {
  amountNumber,
  assertCanonical,
  compact,
  currencyRef,
  decimalNumber,
  dimensionRef,
  dimensionRefs,
  IssueList,
  type MapContext,
  refId,
} from "./context.js";

/** A NetSuite `invoice` request body. */
export type InvoiceBody = components["schemas"]["Invoice"];

type InvoiceLine = NonNullable<InvoiceEvent["lines"]>[number];

/**
 * Maps a `ready` canonical invoice event to a NetSuite `invoice`: `entity` is the project (NetSuite invoices
 * a customer's project as the entity), `tranDate`, `dueDate`, `currency`, `memo`, dimensions, and its lines:
 * - `fee` lines (and lines without a kind) in the `item` sublist with the configured invoice item — or one
 *   item line for the whole amount when the event has no lines;
 * - `time` lines in the billable `time` sublist: `apply: true` on the posted time bill (`doc`) that the
 *   line's one source key names (resolved like any reference: `ctx.resolve`, the ledger in operations);
 * - `expense` lines in the billable `expCost` sublist, on the posted expense report of the line's source.
 * Upsert it with `replace=item,time,expCost`.
 * @throws ValidationError listing every field that cannot be mapped (`INVALID_RECORD` when the input is not a
 * canonical InvoiceEvent) (including events not `ready`, and a time / expense line whose record NetSuite
 * does not hold: `UNMAPPED` on `lines[i].sourceKeys`)
 */
export function toInvoice(event: InvoiceEvent, ctx: MapContext = {}): InvoiceBody {
  assertCanonical("InvoiceEvent", event);
  const issues = new IssueList();
  if (event.status !== "ready")
    issues.add("status", 'must be "ready" before an invoice is raised', "NOT_READY");
  const lines = event.lines ?? [];
  const fees = lines.map((line, i) => ({ line, i })).filter(({ line }) => (line.kind ?? "fee") === "fee");
  if (!ctx.invoiceItem && (lines.length === 0 || fees.length > 0))
    issues.add("invoiceItem", "no NetSuite item is configured for invoice lines", "UNMAPPED");
  const dims = dimensionRefs(ctx, event.dimensions, issues);
  const item = ctx.invoiceItem ? { id: ctx.invoiceItem } : undefined;
  const taxOf = (line: InvoiceLine, i: number) =>
    dimensionRef(ctx, "taxCode", line.taxCode ?? event.taxCode, `lines[${i}].taxCode`, "tax code", issues);
  const itemLines =
    lines.length > 0
      ? fees.map(({ line, i }) =>
          compact({
            item,
            description: line.description,
            amount: amountNumber(line.amount, `lines[${i}].amount`, issues),
            quantity:
              line.quantity === undefined
                ? undefined
                : decimalNumber(line.quantity, `lines[${i}].quantity`, issues),
            taxCode: taxOf(line, i),
          }),
        )
      : [
          compact({
            item,
            description: event.memo ?? event.milestone?.name ?? event.kind,
            amount: amountNumber(event.amount, "amount", issues),
            taxCode: dimensionRef(ctx, "taxCode", event.taxCode, "taxCode", "tax code", issues),
          }),
        ];
  const billable = (kind: "time" | "expense", what: string) =>
    lines
      .map((line, i) => ({ line, i }))
      .filter(({ line }) => line.kind === kind)
      .map(({ line, i }) =>
        compact({
          apply: true,
          doc: sourceDoc(ctx, line, i, what, issues),
          amount: amountNumber(line.amount, `lines[${i}].amount`, issues),
          memo: line.description,
          taxCode: taxOf(line, i),
        }),
      );
  const time = billable("time", "time bill");
  const expCost = billable("expense", "expense report");
  const body = compact({
    externalId: event.key,
    entity: refId(ctx, event.project, "project", issues, "project"),
    tranDate: event.date,
    dueDate: event.dueDate,
    currency: currencyRef(ctx, event.amount.currency, "amount.currency", issues),
    memo: event.memo,
    ...dims,
    item: itemLines.length > 0 ? { items: itemLines } : undefined,
    time: time.length > 0 ? { items: time } : undefined,
    expCost: expCost.length > 0 ? { items: expCost } : undefined,
  }) satisfies InvoiceBody;
  if (issues.issues.length > 0)
    throw new ValidationError(`invoice event ${event.key} cannot be mapped to NetSuite`, issues.issues);
  return body;
}

/** The posted record a time / expense line bills, by its one source key. */
function sourceDoc(ctx: MapContext, line: InvoiceLine, i: number, what: string, issues: IssueList) {
  const key = line.sourceKeys?.[0];
  if (key === undefined) return issues.add(`lines[${i}].sourceKeys`, `must name the ${what} it bills`);
  return refId(ctx, { key }, `lines[${i}].sourceKeys`, issues, what);
}
