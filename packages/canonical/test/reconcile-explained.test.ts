import { describe, expect, it } from "vitest";
import { reconcile, type TimeEntry } from "../src/index.js";
import { timeEntry } from "./fixtures.js";

const entry = (n: number, project: string, minutes: number) =>
  timeEntry({ key: `kantata-time_entries-${n}`, project: { key: project }, minutes });

describe("reconcile: explained gaps", () => {
  it("counts the records missing in the target that have a known reason, overall and per project", () => {
    const psa = [entry(1, "p-1", 60), entry(2, "p-1", 30), entry(3, "p-2", 45), entry(4, "p-2", 15)];
    const netsuite = [entry(1, "p-1", 60)];
    const heldBack = new Set(["kantata-time_entries-2", "kantata-time_entries-3"]);
    const r = reconcile<TimeEntry>(psa, netsuite, { isExplained: (e) => heldBack.has(e.key) });
    expect(r.missingInTarget).toHaveLength(3);
    expect(r.explained).toBe(2);
    expect(r.byProject.map((p) => [p.project, p.buckets.missingInTarget.count, p.explained])).toEqual([
      ["p-1", 1, 1],
      ["p-2", 2, 1],
    ]);
  });

  it("explains nothing without isExplained, and never a record that is in the target", () => {
    const psa = [entry(1, "p-1", 60), entry(2, "p-1", 30)];
    expect(reconcile(psa, []).explained).toBe(0);
    const r = reconcile<TimeEntry>(psa, [entry(1, "p-1", 60)], { isExplained: () => true });
    expect(r.explained).toBe(1);
    expect(r.byProject[0]?.explained).toBe(1);
  });
});
