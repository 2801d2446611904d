import { describe, expect, it } from "vitest";
import { parseQuery, runQuery } from "./suiteql-engine.js";

const records = [
  {
    id: "1",
    externalId: "a",
    tranDate: "2026-11-01",
    hours: "1:30",
    isBillable: true,
    employee: { id: "7" },
  },
  {
    id: "2",
    externalId: "b",
    tranDate: "2026-11-15",
    hours: "0:20",
    isBillable: false,
    employee: { id: "8" },
  },
  {
    id: "3",
    externalId: "c",
    tranDate: "2026-12-01",
    hours: "8:00",
    isBillable: true,
    employee: { id: "7" },
  },
];

describe("fake SuiteQL", () => {
  it("filters by bound parameters and renders rows like NetSuite (T/F, numbers as text, ref ids)", () => {
    const q = parseQuery(
      "SELECT id, employee, hours, isbillable, TO_CHAR(trandate, 'YYYY-MM-DD') AS day, trandate FROM timebill WHERE trandate >= TO_DATE(?, 'YYYY-MM-DD') AND trandate <= TO_DATE(?, 'YYYY-MM-DD') ORDER BY id DESC",
    );
    expect(runQuery(q, records, ["2026-11-01", "2026-11-30"])).toEqual([
      { id: "2", employee: "8", hours: ".33", isbillable: "F", day: "2026-11-15", trandate: "11/15/2026" },
      { id: "1", employee: "7", hours: "1.5", isbillable: "T", day: "2026-11-01", trandate: "11/1/2026" },
    ]);
  });

  it("refuses unsupported statements and a wrong parameter count with INVALID_PARAMETER", () => {
    expect(() => parseQuery("DELETE FROM timebill")).toThrow(
      expect.objectContaining({ errorCode: "INVALID_PARAMETER" }),
    );
    expect(() => parseQuery("SELECT id FROM nothing")).toThrow(/not found/);
    expect(() => runQuery(parseQuery("SELECT id FROM timebill WHERE id = ?"), records, [])).toThrow(
      /bind parameter/,
    );
  });
});
