import { describe, expect, it } from "vitest";
import type { KantataWorkspace } from "../kantata-types.js";
import { toWorkspaceAttributes, workspaceProjectFields } from "./workspace.js";

describe("workspace mapper", () => {
  it("maps project fields to workspace attributes with an exact price, and back", () => {
    const attributes = toWorkspaceAttributes({
      name: "Globex — Data platform",
      currency: "USD",
      startDate: "2026-12-01",
      endDate: "2027-05-31",
      budget: { amount: "125000.5", currency: "USD" },
    });
    expect(attributes).toEqual({
      title: "Globex — Data platform",
      currency: "USD",
      start_date: "2026-12-01",
      due_date: "2027-05-31",
      price: "125000.50",
    });
    expect(toWorkspaceAttributes({ budget: { amount: "1000", currency: "JPY" } })).toEqual({ price: "1000" });
    const ws = {
      id: "77",
      title: "Globex — Data platform",
      status: { color: "green", message: "Active" },
      currency: "USD",
      price_in_cents: 12_500_050,
      start_date: "2026-12-01",
      due_date: "2027-05-31",
      created_at: "2026-11-30T10:00:00Z",
      updated_at: "2026-11-30T10:00:00Z",
    } as KantataWorkspace;
    expect(workspaceProjectFields(ws)).toEqual({
      name: "Globex — Data platform",
      currency: "USD",
      startDate: "2026-12-01",
      endDate: "2027-05-31",
      budget: { amount: "125000.50", currency: "USD" },
    });
    // Without financial access Kantata sends neither currency nor price: no budget is invented.
    const { currency: _c, price_in_cents: _p, ...restricted } = ws;
    expect(workspaceProjectFields(restricted as KantataWorkspace)).not.toHaveProperty("budget");
  });
});
