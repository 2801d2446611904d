import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fromMinorUnits,
  type Money,
  rateTimesDuration,
  reconcile,
  reconciliationHeadlines,
  type TimeEntry,
  type Totals,
  toMinorUnits,
} from "../src/index.js";
import { timeEntry } from "./fixtures.js";

const entry = (n: number, project: string, minutes: number, extra: Partial<TimeEntry> = {}) =>
  timeEntry({ key: `kantata-time_entries-${n}`, project: { key: project }, minutes, ...extra });

const value = (e: TimeEntry): Money | undefined =>
  e.billRate ? rateTimesDuration(e.billRate, e.minutes, { rounding: "half-even" }) : undefined;

describe("reconcile", () => {
  it("PSA approved time vs NetSuite posted time, per project", () => {
    const psa = [entry(1, "p-12", 240), entry(2, "p-12", 2460), entry(3, "p-12", 60), entry(4, "p-7", 30)];
    const netsuite = [entry(1, "p-12", 240), entry(3, "p-12", 90), entry(5, "p-7", 15)];
    const r = reconcile(psa, netsuite, { amountOf: value });
    expect(r.matched.map((m) => m.key)).toEqual(["kantata-time_entries-1"]);
    expect(r.mismatched).toHaveLength(1);
    const [mismatch] = r.mismatched;
    expect(mismatch?.differences.map((d) => d.field)).toEqual(["minutes", "amount"]);
    expect(mismatch?.differences[0]?.delta).toBe(30);
    expect(mismatch?.differences[1]?.delta).toEqual({ amount: "75.00", currency: "USD" });
    expect(r.missingInTarget.map((e) => e.key)).toEqual(["kantata-time_entries-2", "kantata-time_entries-4"]);
    expect(r.missingInSource.map((e) => e.key)).toEqual(["kantata-time_entries-5"]);
    const p12 = r.byProject.find((p) => p.project === "p-12");
    expect(p12?.buckets.missingInTarget).toEqual({ count: 1, minutes: 2460, amounts: { USD: "6150.00" } });
    expect(p12?.difference).toEqual({ minutes: -2430, amounts: { USD: "-6075.00" } });
    expect(reconciliationHeadlines(r)).toEqual([
      "project p-12: 1 record, 41:00 h, USD 6150.00 missing in target",
      "project p-7: 1 record, 0:30 h, USD 75.00 missing in target",
    ]);
  });

  it("keeps duplicates in their own bucket instead of dropping them", () => {
    const r = reconcile([entry(1, "p", 60), entry(1, "p", 60)], [entry(1, "p", 60)]);
    expect(r.matched).toHaveLength(1);
    expect(r.duplicateInSource).toHaveLength(1);
    expect(r.totals.source.minutes).toBe(120);
  });

  it("reports differing non-numeric fields", () => {
    const r = reconcile([entry(1, "p", 60)], [entry(1, "p", 60, { billable: false, date: "2026-03-03" })]);
    expect(r.mismatched[0]?.differences.map((d) => d.field)).toEqual(["date", "billable"]);
  });

  const arbEntries = fc.array(
    fc.record({
      n: fc.integer({ min: 1, max: 40 }),
      project: fc.constantFrom("p-1", "p-2", "p-3"),
      minutes: fc.integer({ min: 0, max: 1440 }),
      rate: fc.bigInt({ min: 0n, max: 100_000n }),
      currency: fc.constantFrom("USD", "JPY", "BHD"),
    }),
    { maxLength: 40 },
  );
  const build = (xs: { n: number; project: string; minutes: number; rate: bigint; currency: string }[]) =>
    xs.map((x) => entry(x.n, x.project, x.minutes, { billRate: fromMinorUnits(x.rate, x.currency) }));

  it("property: reconcile(x, x) is all matched", () => {
    fc.assert(
      fc.property(arbEntries, (xs) => {
        const unique = [...new Map(build(xs).map((e) => [e.key, e])).values()];
        const r = reconcile(unique, unique, { amountOf: value });
        expect(r.matched).toHaveLength(unique.length);
        expect(r.mismatched.length + r.missingInSource.length + r.missingInTarget.length).toBe(0);
        for (const p of r.byProject) {
          expect(p.difference.minutes).toBe(0);
          for (const a of Object.values(p.difference.amounts)) expect(Number(a)).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  const plus = (a: Totals, b: Totals): Totals => {
    const amounts: Record<string, string> = {};
    for (const c of new Set([...Object.keys(a.amounts), ...Object.keys(b.amounts)])) {
      const x =
        a.amounts[c] === undefined
          ? 0n
          : toMinorUnits({ amount: a.amounts[c]!, currency: c as Money["currency"] });
      const y =
        b.amounts[c] === undefined
          ? 0n
          : toMinorUnits({ amount: b.amounts[c]!, currency: c as Money["currency"] });
      amounts[c] = fromMinorUnits(x + y, c).amount;
    }
    return { count: a.count + b.count, minutes: a.minutes + b.minutes, amounts };
  };
  const norm = (t: Totals) => ({ ...t, amounts: Object.fromEntries(Object.entries(t.amounts).sort()) });

  it("property: every record lands in one bucket and bucket totals add up exactly", () => {
    fc.assert(
      fc.property(arbEntries, arbEntries, (xs, ys) => {
        const source = build(xs);
        const target = build(ys);
        const r = reconcile(source, target, { amountOf: value });
        expect(
          r.matched.length + r.mismatched.length + r.missingInTarget.length + r.duplicateInSource.length,
        ).toBe(source.length);
        expect(
          r.matched.length + r.mismatched.length + r.missingInSource.length + r.duplicateInTarget.length,
        ).toBe(target.length);
        for (const scope of [r.totals, ...r.byProject]) {
          const b = scope.buckets;
          const s = [b.matched.source, b.mismatched.source, b.missingInTarget, b.duplicateInSource].reduce(
            plus,
          );
          const t = [b.matched.target, b.mismatched.target, b.missingInSource, b.duplicateInTarget].reduce(
            plus,
          );
          expect(norm(s)).toEqual(norm(scope.source));
          expect(norm(t)).toEqual(norm(scope.target));
        }
        const total = r.byProject.map((p) => p.source).reduce(plus, { count: 0, minutes: 0, amounts: {} });
        expect(norm(total)).toEqual(norm(r.totals.source));
        expect(r.totals.source.minutes).toBe(source.reduce((a, e) => a + e.minutes, 0));
      }),
      { numRuns: 300 },
    );
  });
});
