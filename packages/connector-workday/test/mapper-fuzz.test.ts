import { ValidationError } from "@ledgerline/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toCostCenter, toLegalEntity } from "../src/mappers/organization.js";
import { toResource } from "../src/mappers/resource.js";
import { readAs } from "../src/workday-read.js";
import type { WorkdayOrganization, WorkdayWorker } from "../src/workday-types.js";
import { fixture } from "./fixtures.js";

const PLANTED = "PLANTED-7f3a";
const RUNS = 1_000;

/** A valid record with some fields replaced by hostile values (including a planted string). */
function hostile(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const value = fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.constant(PLANTED),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant([]),
    fc.constant({ id: PLANTED }),
    fc.string(),
  );
  const keys = [
    ...Object.keys(base),
    "primaryJob.costCenter",
    "primaryJob.company",
    "workerType.id",
    "extra",
  ];
  return fc.oneof(
    fc.constant(base),
    fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 4 }).map((patch) => {
      const copy = structuredClone(base) as Record<string, Record<string, unknown>>;
      for (const [path, v] of Object.entries(patch)) {
        const [head, tail] = path.split(".") as [string, string | undefined];
        if (tail && typeof copy[head] === "object" && copy[head] !== null) copy[head][tail] = v as never;
        else (copy as Record<string, unknown>)[head] = v;
      }
      return copy;
    }),
    value,
  );
}

const targets: [string, Record<string, unknown>, (r: unknown) => unknown][] = [
  ["toResource", fixture("workers.show"), (r) => toResource(r as WorkdayWorker).resource],
  [
    "toCostCenter",
    fixture<{ data: Record<string, unknown>[] }>("organizations.costCenters").data[0] ?? {},
    (r) => toCostCenter(r as WorkdayOrganization),
  ],
  [
    "toLegalEntity",
    fixture<{ data: Record<string, unknown>[] }>("organizations.companies").data[0] ?? {},
    (r) => toLegalEntity(r as WorkdayOrganization),
  ],
];

describe("Workday mappers are total (fast-check over hostile records)", () => {
  for (const [name, base, map] of targets) {
    it(`${name}: maps, or rejects with a ValidationError naming fields, never echoing a value`, () => {
      let mapped = 0;
      let rejected = 0;
      fc.assert(
        fc.property(hostile(base), (record) => {
          const read = readAs("workers", record, () => ({ value: map(record) }));
          if (read.ok) {
            mapped++;
            return;
          }
          rejected++;
          expect(read.error).toBeInstanceOf(ValidationError);
          expect(read.error.issues.length).toBeGreaterThan(0);
          expect(read.error.issues.every((i) => i.path !== "" && i.message !== "")).toBe(true);
          expect(read.error.message + JSON.stringify(read.error.issues)).not.toContain(PLANTED);
        }),
        { numRuns: RUNS, seed: 20261130 },
      );
      expect(mapped).toBeGreaterThan(0);
      expect(rejected).toBeGreaterThan(0);
    });
  }
});
