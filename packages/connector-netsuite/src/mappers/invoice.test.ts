import { describe, expect, it } from "vitest";
import { ctx, invoiceEvent } from "../../test/fixtures.js";
import { toInvoice } from "./invoice.js";

describe("toInvoice", () => {
  it("maps a ready invoice event with lines to an invoice on the project", () => {
    expect(toInvoice(invoiceEvent, ctx)).toEqual({
      externalId: "kantata-milestones-12",
      entity: { id: "601" },
      tranDate: "2026-11-20",
      dueDate: "2026-12-20",
      subsidiary: { id: "4" },
      item: {
        items: [
          { item: { id: "21" }, description: "Phase 1", amount: 9000, taxCode: { id: "9" } },
          { item: { id: "21" }, description: "Expenses", amount: 1000 },
        ],
      },
    });
  });

  it("bills the whole amount on one line when the event has no lines", () => {
    const body = toInvoice({ ...invoiceEvent, lines: undefined }, ctx);
    expect(body.item?.items).toEqual([
      { item: { id: "21" }, description: "Phase 1 sign-off", amount: 10000 },
    ]);
  });

  it("refuses events that are not ready, and a missing invoice item", () => {
    expect(() =>
      toInvoice({ ...invoiceEvent, status: "pending" }, { ...ctx, invoiceItem: undefined }),
    ).toThrow(
      expect.objectContaining({
        issues: [
          expect.objectContaining({ code: "NOT_READY" }),
          expect.objectContaining({ path: "invoiceItem" }),
        ],
      }),
    );
  });
});
