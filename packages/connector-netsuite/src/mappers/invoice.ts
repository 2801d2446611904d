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

/**
 * Maps a `ready` canonical invoice event to a NetSuite `invoice`: `entity` is the project (NetSuite invoices
 * a customer's project as the entity), `tranDate`, `dueDate`, `currency`, `memo`, dimensions, and the `item`
 * sublist — one line per event line (or one line for the whole amount) with the configured invoice item.
 * Upsert it with `replace=item`.
 * @throws ValidationError listing every field that cannot be mapped (`INVALID_RECORD` when the input is not a
 * canonical InvoiceEvent) (including events not `ready`)
 */
export function toInvoice(event: InvoiceEvent, ctx: MapContext = {}): InvoiceBody {
  assertCanonical("InvoiceEvent", event);
  const issues = new IssueList();
  if (event.status !== "ready")
    issues.add("status", 'must be "ready" before an invoice is raised', "NOT_READY");
  if (!ctx.invoiceItem)
    issues.add("invoiceItem", "no NetSuite item is configured for invoice lines", "UNMAPPED");
  const dims = dimensionRefs(ctx, event.dimensions, issues);
  const item = ctx.invoiceItem ? { id: ctx.invoiceItem } : undefined;
  const lines =
    event.lines && event.lines.length > 0
      ? event.lines.map((line, i) =>
          compact({
            item,
            description: line.description,
            amount: amountNumber(line.amount, `lines[${i}].amount`, issues),
            quantity:
              line.quantity === undefined
                ? undefined
                : decimalNumber(line.quantity, `lines[${i}].quantity`, issues),
            taxCode: dimensionRef(
              ctx,
              "taxCode",
              line.taxCode ?? event.taxCode,
              `lines[${i}].taxCode`,
              "tax code",
              issues,
            ),
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
  const body = compact({
    externalId: event.key,
    entity: refId(ctx, event.project, "project", issues, "project"),
    tranDate: event.date,
    dueDate: event.dueDate,
    currency: currencyRef(ctx, event.amount.currency, "amount.currency", issues),
    memo: event.memo,
    ...dims,
    item: { items: lines },
  }) satisfies InvoiceBody;
  if (issues.issues.length > 0)
    throw new ValidationError(`invoice event ${event.key} cannot be mapped to NetSuite`, issues.issues);
  return body;
}
