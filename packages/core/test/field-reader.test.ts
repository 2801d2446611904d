import { describe, expect, it } from "vitest";
import { FieldReader, ValidationError } from "../src/index.js";

function issuesOf(r: FieldReader): { path: string; message: string; code?: string }[] {
  try {
    r.check();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues;
  }
  return [];
}

describe("FieldReader", () => {
  it("reads valid fields and checks without error", () => {
    const r = new FieldReader(
      { name: "Ada", n: 3, on: true, d: "2026-11-30", nested: { id: "ab12" } },
      "record",
    );
    expect([r.string("name"), r.integer("n"), r.boolean("on"), r.date("d")]).toEqual([
      "Ada",
      3,
      true,
      "2026-11-30",
    ]);
    expect(r.object("nested")?.matching("id", /^[a-f0-9]{4}$/, "must be 4 hex")).toBe("ab12");
    expect(() => r.check()).not.toThrow();
  });

  it("names every bad field with a reason and never the value", () => {
    const r = new FieldReader(
      { name: 42, n: "secret-7", d: "30/11/2026", nested: { id: "SECRET" }, opt: null },
      "record",
    );
    r.string("name");
    r.integer("n");
    r.date("d");
    r.object("nested")?.matching("id", /^[a-f0-9]{4}$/, "must be 4 hex");
    r.string("missing");
    r.string("opt", "optional");
    const issues = issuesOf(r);
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ["name", "must be a string"],
      ["n", "must be a whole number"],
      ["d", "must be a date YYYY-MM-DD"],
      ["nested.id", "must be 4 hex"],
      ["missing", "is required"],
      ["opt", "must not be null"],
    ]);
    expect(JSON.stringify(issues)).not.toMatch(/secret-7|SECRET|30\/11/);
  });

  it("reports a record that is not an object once, at (root)", () => {
    const r = new FieldReader(null, "record");
    r.string("a");
    r.integer("b");
    expect(issuesOf(r)).toEqual([{ path: "(root)", message: "must not be null", code: "invalid_type" }]);
  });
});
