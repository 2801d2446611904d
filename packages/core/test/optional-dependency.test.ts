import { describe, expect, it } from "vitest";
import { LedgerlineError } from "../src/index.js";
import { MissingDependencyError } from "../src/testing/index.js";
import { loadOptionalDependency } from "../src/testing/optional-dependency.js";

describe("optional peer dependencies of the testing kit", () => {
  it("loads an installed one", () => {
    const yaml = loadOptionalDependency<{ parse: (text: string) => unknown }>("yaml", "test");
    expect(yaml.parse("a: 1")).toEqual({ a: 1 });
  });

  it("names a missing one in a typed error, with the install command", () => {
    let caught: unknown;
    try {
      loadOptionalDependency(
        "@ledgerline/not-installed/sub.js",
        "@ledgerline/core/testing (contract validation)",
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MissingDependencyError);
    expect(caught).toBeInstanceOf(LedgerlineError);
    const error = caught as MissingDependencyError;
    expect(error.code).toBe("MISSING_DEPENDENCY");
    expect(error.dependency).toBe("@ledgerline/not-installed");
    expect(error.message).toContain('"@ledgerline/not-installed"');
    expect(error.message).toContain("npm install --save-dev @ledgerline/not-installed");
  });
});
