import type { InvoiceEvent } from "@ledgerline/canonical";
import { toInvoice } from "../mappers/invoice.js";
import type { RecordSpec } from "./post-records.js";

/** How invoice events are written: `invoice` by external id, lines in `item` replaced on re-post. */
export const invoiceSpec: RecordSpec<InvoiceEvent> = {
  type: "invoice",
  shape: "InvoiceEvent",
  keyOf: (event) => event.key,
  versionOf: (event) => event.source?.version,
  refsOf: (event) => [event.client, event.project],
  map: (event, ctx) => toInvoice(event, ctx),
  replace: ["item"],
};
