import { describe, expect, it } from "vitest";
import { ExceptionCollector, minorToDecimal } from "../src/exceptions.js";

describe("ExceptionCollector", () => {
  it("groups by code and subject with exact totals, in priority order", () => {
    const c = new ExceptionCollector();
    c.add({
      code: "UNMAPPED_COST_CENTER",
      kind: "time entries",
      subject: "CC-450 (Data & AI Lab)",
      person: "u1",
      minutes: 60,
      rejected: true,
    });
    c.add({
      code: "UNMAPPED_COST_CENTER",
      kind: "time entries",
      subject: "CC-450 (Data & AI Lab)",
      person: "u2",
      minutes: 45,
      rejected: true,
    });
    c.add({
      code: "UNMAPPED_COST_CENTER",
      kind: "time entries",
      subject: "CC-450 (Data & AI Lab)",
      person: "u1",
      minutes: 15,
      rejected: true,
    });
    c.add({
      code: "PROJECT_CLOSED",
      kind: "time entries",
      subject: "P-108 Tailspin",
      detail: "2026-10-16",
      minutes: 480,
      rejected: true,
    });
    c.add({
      code: "PROJECT_CLOSED",
      kind: "expenses",
      subject: "P-108 Tailspin",
      detail: "2026-10-16",
      amount: { minor: 1999n, currency: "USD", exponent: 2 },
      rejected: true,
    });
    c.add({
      code: "PROJECT_CLOSED",
      kind: "expenses",
      subject: "P-108 Tailspin",
      detail: "2026-10-16",
      amount: { minor: 1n, currency: "USD", exponent: 2 },
      rejected: true,
    });
    c.add({ code: "NOT_APPROVED", kind: "time entries", person: "u3", minutes: 30, rejected: true });
    c.add({ code: "EDITED_AFTER_APPROVAL", kind: "time entries", minutes: 15, rejected: false });

    const groups = c.groups();
    expect(groups.map((g) => [g.code, g.kind, g.records])).toEqual([
      ["NOT_APPROVED", "time entries", 1],
      ["PROJECT_CLOSED", "time entries", 1],
      ["PROJECT_CLOSED", "expenses", 2],
      ["UNMAPPED_COST_CENTER", "time entries", 3],
      ["EDITED_AFTER_APPROVAL", "time entries", 1],
    ]);
    const unmapped = groups[3]!;
    expect(unmapped.impact).toBe("blocks-cost-posting");
    expect(unmapped.minutes).toBe(120);
    expect(unmapped.message).toBe(
      "3 time entries blocked: unmapped cost center CC-450 (Data & AI Lab) (2:00 h, 2 people) — map it to a NetSuite department",
    );
    expect(groups[1]!.message).toBe(
      "project P-108 Tailspin closed on 2026-10-16: 8:00 h of approved time not posted (1 entry)",
    );
    expect(groups[2]!.amounts).toEqual([{ amount: "20.00", currency: "USD" }]);
    expect(groups[2]!.message).toBe(
      "project P-108 Tailspin closed on 2026-10-16: 2 approved expenses not posted (USD 20.00)",
    );
    expect(groups[0]!.impact).toBe("awaiting-approval");
    expect(groups[0]!.message).toBe(
      "1 time entries awaiting approval in Kantata (0:30 h, 1 person) — posted on a later run once approved",
    );
    expect(groups[4]).toMatchObject({ impact: "data-quality", rejected: false });
  });
});

describe("minorToDecimal", () => {
  it("is exact for any size and exponent", () => {
    expect(minorToDecimal(123456n, 2)).toBe("1234.56");
    expect(minorToDecimal(5n, 2)).toBe("0.05");
    expect(minorToDecimal(-5n, 3)).toBe("-0.005");
    expect(minorToDecimal(1234n, 0)).toBe("1234");
    expect(minorToDecimal(9007199254740993n, 2)).toBe("90071992547409.93");
  });
});
