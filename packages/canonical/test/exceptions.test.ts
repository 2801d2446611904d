import { describe, expect, it } from "vitest";
import {
  createIntegrationException,
  exceptionAgeMs,
  mapDimensions,
  mergeExceptions,
  summarizeExceptions,
} from "../src/index.js";

const now = new Date("2026-03-10T12:00:00Z");

describe("dimension mapping and exceptions", () => {
  it("maps present dimensions and never crashes on missing ones", () => {
    const result = mapDimensions(
      { costCenter: "CC-100", practice: "DATA", taxCode: "VAT20", region: "constructor" },
      {
        target: "netsuite",
        tables: {
          costCenter: { "CC-100": "12" },
          practice: new Map([["DATA", "3"]]),
          taxCode: {},
          region: {},
        },
      },
      { record: { key: "invoice-1", type: "InvoiceEvent", project: "p-1" }, required: ["legalEntity"], now },
    );
    expect(result.ok).toBe(false);
    expect(result.mapped).toEqual({ costCenter: "12", practice: "3" });
    expect(result.exceptions.map((e) => [e.code, e.impact]).sort()).toEqual([
      ["MISSING_LEGAL_ENTITY", "blocks-billing"],
      ["UNMAPPED_REGION", "blocks-billing"],
      ["UNMAPPED_TAX_CODE", "blocks-billing"],
    ]);
    expect(result.exceptions[0]?.firstSeen).toBe(now.toISOString());
  });

  it("skips kinds the target has no table for unless required", () => {
    const r = mapDimensions(
      { region: "EMEA" },
      { target: "netsuite", tables: {} },
      { record: { key: "t-1", type: "TimeEntry" } },
    );
    expect(r).toEqual({ ok: true, mapped: {}, exceptions: [] });
  });

  it("summarises by impact and code: '3 invoices blocked by missing tax codes'", () => {
    const map = { target: "netsuite", tables: { taxCode: { VAT20: "5" } } };
    const exceptions = ["a", "b", "c", "c"].flatMap(
      (k, i) =>
        mapDimensions({ taxCode: "GST" }, map, {
          record: { key: `invoice-${k}`, type: "InvoiceEvent", project: "p-1" },
          now: new Date(now.getTime() - i * 3_600_000),
        }).exceptions,
    );
    exceptions.push(
      createIntegrationException({
        code: "MISSING_COST_CENTER",
        impact: "blocks-cost-posting",
        message: "no cost center",
        record: { key: "time-1", type: "TimeEntry" },
        firstSeen: "2026-03-01T12:00:00Z",
        now,
      }),
    );
    const summary = summarizeExceptions(exceptions, { now });
    expect(summary.total).toBe(4);
    expect(summary.byImpact).toEqual({
      "blocks-billing": 3,
      "blocks-cost-posting": 1,
      "blocks-revenue": 0,
      "data-quality": 0,
    });
    expect(summary.groups.map((g) => g.headline)).toEqual([
      "3 invoices blocked by missing tax codes",
      "1 time entry blocked by records without a cost center",
    ]);
    expect(summary.groups[0]?.occurrences).toBe(4);
    expect(summary.groups[0]?.maxAgeMs).toBe(3 * 3_600_000);
    expect(summary.groups[1]?.maxAgeMs).toBe(9 * 24 * 3_600_000);
  });

  it("merges repeated sightings keeping the first-seen time", () => {
    const first = createIntegrationException({
      code: "X",
      impact: "data-quality",
      message: "m",
      record: { key: "r", type: "Client" },
      now: new Date("2026-03-01T00:00:00Z"),
    });
    const again = createIntegrationException({ ...first, now });
    const merged = mergeExceptions(first, again);
    expect(merged.firstSeen).toBe("2026-03-01T00:00:00.000Z");
    expect(merged.lastSeen).toBe(now.toISOString());
    expect(merged.occurrences).toBe(2);
    expect(exceptionAgeMs(merged, now)).toBe(9.5 * 24 * 3_600_000);
    expect(summarizeExceptions([merged], { now }).groups[0]?.headline).toBe("1 client flagged for x");
  });
});

describe("reverseLookupDimension", () => {
  it("finds the canonical code of a target id", async () => {
    const { reverseLookupDimension } = await import("../src/index.js");
    const map = {
      target: "netsuite",
      tables: { costCenter: { "CC-100": "12", "CC-200": "13" }, region: new Map([["EMEA", "7"]]) },
    };
    expect(reverseLookupDimension(map, "costCenter", "13")).toBe("CC-200");
    expect(reverseLookupDimension(map, "region", "7")).toBe("EMEA");
    expect(reverseLookupDimension(map, "practice", "1")).toBeUndefined();
    expect(reverseLookupDimension(map, "costCenter", "99")).toBeUndefined();
  });

  it("rejects an invalid firstSeen with a TypeError naming it", () => {
    expect(() =>
      createIntegrationException({
        code: "X",
        impact: "data-quality",
        message: "m",
        record: { key: "r", type: "Client" },
        firstSeen: "yesterday",
      }),
    ).toThrow(/firstSeen/);
  });
});
