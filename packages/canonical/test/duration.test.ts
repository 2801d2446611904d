import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DurationError,
  decimalHoursToMinutes,
  formatHoursMinutes,
  minutesToDecimalHours,
  parseHoursMinutes,
} from "../src/index.js";

describe("durations", () => {
  it("formats and parses H:MM", () => {
    expect(formatHoursMinutes(270)).toBe("4:30");
    expect(formatHoursMinutes(5)).toBe("0:05");
    expect(formatHoursMinutes(-90)).toBe("-1:30");
    expect(formatHoursMinutes(6000)).toBe("100:00");
    expect(parseHoursMinutes("4:00")).toBe(240);
    expect(parseHoursMinutes("07:45")).toBe(465);
    expect(parseHoursMinutes("-0:15")).toBe(-15);
    for (const bad of ["4:60", "4", "4.5", ":30", "a:bc", "4:5", ""]) {
      expect(() => parseHoursMinutes(bad), bad).toThrow(DurationError);
    }
    expect(() => formatHoursMinutes(1.5)).toThrow(DurationError);
  });

  it("converts decimal hours under an explicit rounding rule", () => {
    expect(minutesToDecimalHours(50, { rounding: "half-up" })).toBe("0.83");
    expect(minutesToDecimalHours(50, { rounding: "down" })).toBe("0.83");
    expect(minutesToDecimalHours(55, { rounding: "half-up" })).toBe("0.92");
    expect(minutesToDecimalHours(55, { rounding: "down" })).toBe("0.91");
    expect(minutesToDecimalHours(90, { rounding: "half-even", decimals: 1 })).toBe("1.5");
    expect(minutesToDecimalHours(3, { rounding: "half-even", decimals: 1 })).toBe("0.0");
    expect(minutesToDecimalHours(3, { rounding: "half-up", decimals: 1 })).toBe("0.1");
    expect(decimalHoursToMinutes("1.5", { rounding: "half-even" })).toBe(90);
    expect(decimalHoursToMinutes(0.1, { rounding: "half-even" })).toBe(6);
    expect(decimalHoursToMinutes("1.255", { rounding: "half-even" })).toBe(75);
    expect(decimalHoursToMinutes("0.0125", { rounding: "half-even" })).toBe(1); // 0.75 min
    expect(decimalHoursToMinutes("0.025", { rounding: "half-even" })).toBe(2); // 1.5 min: tie
    expect(decimalHoursToMinutes("0.025", { rounding: "half-down" })).toBe(1);
    expect(decimalHoursToMinutes("0.0083", { rounding: "half-up" })).toBe(0); // 0.498 min
    expect(decimalHoursToMinutes("0.0083", { rounding: "up" })).toBe(1);
    expect(() => decimalHoursToMinutes("1,5", { rounding: "half-up" })).toThrow(DurationError);
    expect(() => decimalHoursToMinutes(Number.NaN, { rounding: "half-up" })).toThrow(DurationError);
  });

  it("property: H:MM round-trips every integer minute count", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (m) => {
        expect(parseHoursMinutes(formatHoursMinutes(m))).toBe(m);
      }),
    );
  });

  it("property: decimal hours with 6 places round-trip whole minutes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (m) => {
        const hours = minutesToDecimalHours(m, { rounding: "half-even", decimals: 6 });
        expect(decimalHoursToMinutes(hours, { rounding: "half-even" })).toBe(m);
      }),
    );
  });
});
