import { describe, expect, it } from "vitest";
import { DEFAULT_SEED, parseCli, UsageError } from "../src/cli.js";

describe("parseCli", () => {
  it("has quiet defaults", () => {
    expect(parseCli([])).toEqual({
      reset: false,
      faults: 0,
      json: false,
      approve: false,
      seed: DEFAULT_SEED,
      help: false,
    });
  });

  it("reads every flag", () => {
    expect(parseCli(["--reset", "--faults", "0.2", "--json", "--seed", "42", "--approve"])).toEqual({
      reset: true,
      faults: 0.2,
      json: true,
      approve: true,
      seed: 42,
      help: false,
    });
    expect(parseCli(["--faults=0.05"]).faults).toBe(0.05);
    expect(parseCli(["-h"]).help).toBe(true);
  });

  it.each([
    ["--faults", "1"],
    ["--faults", "-0.1"],
    ["--faults", "lots"],
    ["--seed", "1.5"],
    ["--seed", "-3"],
  ])("rejects %s %s naming the flag", (flag, value) => {
    const error = (() => {
      try {
        parseCli([flag, value]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).flag).toBe(flag);
  });

  it("rejects an unknown flag", () => {
    expect(() => parseCli(["--fualts", "0.2"])).toThrow(UsageError);
    expect(() => parseCli(["--fualts", "0.2"])).toThrow(/--fualts/);
  });
});
