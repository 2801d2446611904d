import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeSoqlString, soql, soqlDate } from "./soql.js";
import { parseSoql, tokenizeSoql } from "./testing/soql-engine.js";

describe("soql tag", () => {
  it("escapes quotes, backslashes and line breaks", () => {
    expect(escapeSoqlString('O\'Brien \\ "x"\n\r\t')).toBe("'O\\'Brien \\\\ \\\"x\\\"\\n\\r\\t'");
  });

  it("types numbers, booleans, null, dates, dateTimes and IN lists", () => {
    const q = soql`SELECT Id FROM Opportunity WHERE Amount > ${1500.25} AND IsWon = ${true} AND ContractId = ${null} AND CloseDate >= ${soqlDate("2026-01-31")} AND LastModifiedDate > ${new Date("2026-03-01T09:30:00.123Z")} AND StageName IN ${["Closed Won", "Negotiation"]}`;
    expect(q.text).toBe(
      "SELECT Id FROM Opportunity WHERE Amount > 1500.25 AND IsWon = true AND ContractId = null AND CloseDate >= 2026-01-31 AND LastModifiedDate > 2026-03-01T09:30:00Z AND StageName IN ('Closed Won', 'Negotiation')",
    );
    expect(soql`SELECT Id FROM Account LIMIT ${1e21}`.text).toBe(
      "SELECT Id FROM Account LIMIT 1000000000000000000000",
    );
  });

  it("refuses values SOQL cannot take, naming the position, never the value", () => {
    expect(() => soql`SELECT Id FROM Account WHERE Amount = ${Number.NaN}`).toThrow(
      /value 0 must be a finite number/,
    );
    expect(() => soql`SELECT Id FROM Account WHERE Name IN ${[]}`).toThrow(/list 0 must not be empty/);
    expect(() => soqlDate("2026-02-30x")).toThrow(TypeError);
    // biome-ignore lint/suspicious/noExplicitAny: a caller bypassing the types
    expect(() => soql`SELECT Id FROM Account WHERE Name = ${{ secret: "x" } as any}`).toThrow(
      /value 0 has a type/,
    );
  });

  it("property: no string can change the structure of the query", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string(), (a, b) => {
        const q = soql`SELECT Id, Name FROM Account WHERE Name = ${a} AND (Website LIKE ${b} OR Name IN ${[a, b]}) LIMIT 5`;
        const tokens = tokenizeSoql(q.text);
        const reference = tokenizeSoql(
          soql`SELECT Id, Name FROM Account WHERE Name = ${"x"} AND (Website LIKE ${"y"} OR Name IN ${["x", "y"]}) LIMIT 5`
            .text,
        );
        expect(tokens.map((t) => t.kind)).toEqual(reference.map((t) => t.kind));
        const strings = tokens.filter((t) => t.kind === "string").map((t) => (t as { value: string }).value);
        expect(strings).toEqual([a, b, a, b]);
        const parsed = parseSoql(q.text);
        expect(parsed.object).toBe("Account");
        expect(parsed.limit).toBe(5);
      }),
      { numRuns: 500 },
    );
  });
});
