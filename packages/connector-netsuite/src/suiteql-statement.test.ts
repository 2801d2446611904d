import { ValidationError } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { countPlaceholders, sql, statement } from "./suiteql-statement.js";

describe("sql", () => {
  it("binds every interpolated value as a parameter, never into the text", () => {
    const nasty = `O'Brien "quoted" \\ back\nslash'); DROP TABLE x; --`;
    const s = sql`SELECT id FROM customer WHERE companyname = ${nasty} AND id > ${5}`;
    expect(s.q).toBe("SELECT id FROM customer WHERE companyname = ? AND id > ?");
    expect(s.params).toEqual([nasty, 5]);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe("statement", () => {
  it("ignores ? inside quoted literals", () => {
    expect(countPlaceholders("SELECT '?' AS a, \"b?\" FROM t WHERE x = ?")).toBe(1);
  });

  it("rejects a placeholder/parameter count mismatch, naming params", () => {
    const error = (() => {
      try {
        statement("SELECT id FROM t WHERE a = ? AND b = ?", ["x"]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: "params", message: expect.stringContaining('2 "?" placeholder(s) but 1 parameter(s)') },
    ]);
  });

  it("rejects non-scalar parameters and an empty statement", () => {
    expect(() => statement("SELECT ? FROM t", [{} as unknown as string])).toThrow(ValidationError);
    expect(() => statement("SELECT ? FROM t", [Number.NaN])).toThrow(ValidationError);
    expect(() => statement("  ")).toThrow(ValidationError);
  });
});
