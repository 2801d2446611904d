import type { InvoiceEvent } from "@ledgerline/canonical";
import { toInvoice } from "../mappers/invoice.js";
import type { RecordSpec } from "./post-records.js";

/**
 * How invoice events are written: `invoice` by external id; the `item`, billable `time` and `expCost` lines
 * are replaced on re-post (a re-post never adds lines). The posted time bills and expense reports that time
 * and expense lines bill are resolved through the ledger, like the client and project.
 */
export const invoiceSpec: RecordSpec<InvoiceEvent> = {
  type: "invoice",
  shape: "InvoiceEvent",
  keyOf: (event) => event.key,
  versionOf: (event) => event.source?.version,
  refsOf: (event) => [
    event.client,
    event.project,
    ...(event.lines ?? []).flatMap((line) =>
      line.kind === "time" || line.kind === "expense" ? (line.sourceKeys ?? []).map((key) => ({ key })) : [],
    ),
  ],
  map: (event, ctx) => toInvoice(event, ctx),
  replace: ["item", "time", "expCost"],
};
