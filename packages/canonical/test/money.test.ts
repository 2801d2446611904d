import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMoney,
  allocateMoney,
  CURRENCY_EXPONENTS,
  compareMoney,
  convertMoney,
  fromMinorUnits,
  MoneyError,
  MoneySchema,
  money,
  multiplyMoney,
  ROUNDING_MODES,
  rateTimesDuration,
  sumMoney,
  toMinorUnits,
} from "../src/index.js";

describe("Money", () => {
  it("normalises to the currency's minor-unit exponent", () => {
    expect(money("12.5", "USD")).toEqual({ amount: "12.50", currency: "USD" });
    expect(money("1500", "JPY")).toEqual({ amount: "1500", currency: "JPY" });
    expect(money("1.5", "BHD")).toEqual({ amount: "1.500", currency: "BHD" });
    expect(money("-0.01", "EUR")).toEqual({ amount: "-0.01", currency: "EUR" });
  });

  it("rejects more precision than the currency has, unknown currencies and non-decimals", () => {
    expect(() => money("1.5", "JPY")).toThrow(MoneyError);
    expect(() => money("1.234", "USD")).toThrow(/decimal places/);
    expect(() => money("1", "XYZ")).toThrow(expect.objectContaining({ code: "UNKNOWN_CURRENCY" }));
    expect(() => money("1e3", "USD")).toThrow(expect.objectContaining({ code: "INVALID_AMOUNT" }));
    expect(MoneySchema.safeParse({ amount: "1.234", currency: "USD" }).success).toBe(false);
    expect(MoneySchema.safeParse({ amount: "1.234", currency: "BHD" }).success).toBe(true);
    expect(MoneySchema.safeParse({ amount: 1.23, currency: "USD" }).success).toBe(false);
  });

  it("MoneySchema enforces the minor-unit precision of every currency", () => {
    for (const [currency, exponent] of Object.entries(CURRENCY_EXPONENTS)) {
      const ok = (amount: string) => MoneySchema.safeParse({ amount, currency }).success;
      expect(ok("1500")).toBe(true);
      expect(ok("-1500")).toBe(true);
      if (exponent > 0) expect(ok(`1.${"5".repeat(exponent)}`)).toBe(true);
      expect(ok(`1.${"5".repeat(exponent + 1)}`)).toBe(false);
      expect(ok(`-0.${"0".repeat(exponent + 1)}`)).toBe(false);
    }
    const result = MoneySchema.safeParse({ amount: "1.5", currency: "JPY" });
    expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [["amount"], "has 1 decimal places but JPY allows 0"],
    ]);
  });

  it("adds and sums exactly, refusing mixed currencies", () => {
    expect(addMoney(money("0.10", "USD"), money("0.20", "USD")).amount).toBe("0.30");
    expect(sumMoney([money("0.1", "USD"), money("0.2", "USD"), money("-0.3", "USD")]).amount).toBe("0.00");
    expect(sumMoney([], "JPY")).toEqual({ amount: "0", currency: "JPY" });
    expect(() => sumMoney([])).toThrow(MoneyError);
    expect(() => addMoney(money("1", "USD"), money("1", "EUR"))).toThrow(
      expect.objectContaining({ code: "CURRENCY_MISMATCH" }),
    );
    expect(compareMoney(money("1.5", "USD"), money("1.50", "USD"))).toBe(0);
  });

  it("prices minutes at an hourly rate, rounding once", () => {
    const rate = money("150.00", "USD");
    expect(rateTimesDuration(rate, 50, { rounding: "half-even" }).amount).toBe("125.00");
    // 100.00/h × 1 min = 1.666… → 1.67 half-up, 1.66 down
    expect(rateTimesDuration(money("100", "USD"), 1, { rounding: "half-up" }).amount).toBe("1.67");
    expect(rateTimesDuration(money("100", "USD"), 1, { rounding: "down" }).amount).toBe("1.66");
    expect(rateTimesDuration(money("10000", "JPY"), 45, { rounding: "half-up" }).amount).toBe("7500");
    expect(() => rateTimesDuration(rate, 1.5, { rounding: "half-up" })).toThrow(MoneyError);
    // @ts-expect-error rounding is required
    expect(() => rateTimesDuration(rate, 1, {})).toThrow(TypeError);
  });

  it("converts currencies with an explicit rounding mode", () => {
    const usd = money("100.00", "USD");
    expect(convertMoney(usd, { to: "JPY", rate: "151.235", rounding: "half-up" })).toEqual({
      amount: "15124",
      currency: "JPY",
    });
    expect(convertMoney(usd, { to: "JPY", rate: "151.235", rounding: "floor" }).amount).toBe("15123");
    expect(
      convertMoney(money("1.005", "BHD"), { to: "USD", rate: "2.5", rounding: "half-even" }).amount,
    ).toBe("2.51");
    expect(convertMoney(money("0.125", "BHD"), { to: "USD", rate: "1", rounding: "half-even" }).amount).toBe(
      "0.12",
    );
    expect(convertMoney(money("0.135", "BHD"), { to: "USD", rate: "1", rounding: "half-even" }).amount).toBe(
      "0.14",
    );
    expect(() => convertMoney(usd, { to: "EUR", rate: "0", rounding: "half-up" })).toThrow(MoneyError);
  });

  it("multiplies by decimal factors", () => {
    expect(multiplyMoney(money("10.00", "USD"), "0.075", { rounding: "half-up" }).amount).toBe("0.75");
    expect(multiplyMoney(money("10.01", "USD"), "0.5", { rounding: "half-even" }).amount).toBe("5.00");
    expect(multiplyMoney(money("10.03", "USD"), "0.5", { rounding: "half-even" }).amount).toBe("5.02");
  });

  it("implements every rounding mode on ties and non-ties", () => {
    const cases: Record<string, [string, string, string, string]> = {
      // minor units × 0.5: 5 → 2.5, -5 → -2.5, 7 → 3.5, 3 × 0.3 = 0.9
      "half-even": ["0.02", "-0.02", "0.04", "0.01"],
      "half-up": ["0.03", "-0.03", "0.04", "0.01"],
      "half-down": ["0.02", "-0.02", "0.03", "0.01"],
      up: ["0.03", "-0.03", "0.04", "0.01"],
      down: ["0.02", "-0.02", "0.03", "0.00"],
      ceiling: ["0.03", "-0.02", "0.04", "0.01"],
      floor: ["0.02", "-0.03", "0.03", "0.00"],
    };
    for (const mode of ROUNDING_MODES) {
      const [a, b, c, d] = cases[mode]!;
      expect(multiplyMoney(money("0.05", "USD"), "0.5", { rounding: mode }).amount, mode).toBe(a);
      expect(multiplyMoney(money("-0.05", "USD"), "0.5", { rounding: mode }).amount, mode).toBe(b);
      expect(multiplyMoney(money("0.07", "USD"), "0.5", { rounding: mode }).amount, mode).toBe(c);
      expect(multiplyMoney(money("0.03", "USD"), "0.3", { rounding: mode }).amount, mode).toBe(d);
    }
  });

  it("allocates without losing a minor unit", () => {
    expect(allocateMoney(money("100.00", "USD"), [1, 1, 1]).map((m) => m.amount)).toEqual([
      "33.34",
      "33.33",
      "33.33",
    ]);
    expect(allocateMoney(money("-0.05", "USD"), [1, 1]).map((m) => m.amount)).toEqual(["-0.03", "-0.02"]);
    expect(allocateMoney(money("10", "JPY"), ["0.3", "0.7"]).map((m) => m.amount)).toEqual(["3", "7"]);
    expect(allocateMoney(money("1.00", "USD"), [0, 1]).map((m) => m.amount)).toEqual(["0.00", "1.00"]);
    expect(() => allocateMoney(money("1", "USD"), [0, 0])).toThrow(MoneyError);
    expect(() => allocateMoney(money("1", "USD"), [-1, 2])).toThrow(MoneyError);
  });

  it("property: allocation sums to the original amount", () => {
    const currencies = ["USD", "JPY", "BHD", "CLF"] as const;
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.constantFrom(...currencies),
        fc
          .array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 20 })
          .filter((r) => r.some((x) => x > 0)),
        (minor, currency, ratios) => {
          const total = fromMinorUnits(minor, currency);
          const parts = allocateMoney(total, ratios);
          expect(parts).toHaveLength(ratios.length);
          expect(sumMoney(parts, currency)).toEqual(total);
          // each part is within one minor unit of its exact share
          const sum = ratios.reduce((a, b) => a + b, 0);
          parts.forEach((p, i) => {
            const exact = (Number(minor) * ratios[i]!) / sum;
            expect(Math.abs(Number(toMinorUnits(p)) - exact)).toBeLessThanOrEqual(
              1 + Math.abs(exact) * 1e-12,
            );
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("property: minor units round-trip", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.constantFrom("USD", "JPY", "BHD"),
        (minor, c) => {
          expect(toMinorUnits(fromMinorUnits(minor, c))).toBe(minor);
        },
      ),
    );
  });
});
