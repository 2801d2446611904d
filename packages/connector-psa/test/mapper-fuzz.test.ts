import { ValidationError } from "@ledgerline/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCanonical } from "../src/canonical-reads.js";
import type { KantataEnvelope } from "../src/kantata-types.js";
import type { PageFetcher } from "../src/page-fetcher.js";
import { readAs } from "../src/psa-read.js";
import { expenseStream } from "../src/streams.js";
import { expense } from "./fixtures.js";
import { classify, FUZZ_TARGETS, type FuzzOutcome, hostile } from "./hostile-records.js";

// A small budget for `npm test`; bench/fuzz/psa-mappers.ts runs 100k inputs per mapper.
const RUNS = 2_000;

describe("PSA mappers are total (fast-check over hostile records)", () => {
  for (const target of FUZZ_TARGETS) {
    it(`${target.name}: any input maps or is a typed rejection naming fields, never echoing values`, () => {
      const seen = new Map<FuzzOutcome, number>();
      fc.assert(
        fc.property(target.input, (args) => {
          const outcome = classify(target, args);
          seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
          expect(outcome === "mapped" || outcome === "typed-rejection", `outcome ${outcome}`).toBe(true);
        }),
        { numRuns: RUNS, seed: 20261130 },
      );
      // The generator reaches both sides: records that map and records that are rejected.
      expect(seen.get("mapped") ?? 0).toBeGreaterThan(0);
      expect(seen.get("typed-rejection") ?? 0).toBeGreaterThan(0);
    });
  }

  it("readAs turns any record — numeric id, null, a string — into a rejected read, never a throw", () => {
    fc.assert(
      fc.property(hostile(expense), (record) => {
        const read = readAs(
          "expenses",
          record,
          () => {
            throw new TypeError("boom");
          },
          "66001",
        );
        expect(read.ok).toBe(false);
        expect(read.ok === false && read.error).toBeInstanceOf(ValidationError);
        expect(typeof read.key).toBe("string");
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it("one hostile expense in a page is one rejected read; the read goes on", async () => {
    const envelope = {
      count: 5,
      results: [
        { key: "expenses", id: "1" },
        { key: "expenses", id: "2" },
        { key: "expenses", id: "3" },
        { key: "expenses", id: "4" },
        { key: "expenses", id: "5" },
      ],
      expenses: {
        "1": { ...expense, id: "1", active_submission_id: null, recent_submission_id: null },
        "2": { ...expense, id: 2, category: null },
        "3": { ...expense, id: "3", active_submission_id: null, recent_submission_id: null },
        "4": null,
        "5": 42,
      },
    } as unknown as KantataEnvelope;
    const fetchPage: PageFetcher = async () => envelope;
    const reads = [];
    for await (const read of readCanonical(fetchPage, expenseStream(), { perPage: 10 })) reads.push(read);
    expect(reads.map((r) => [r.key, r.ok])).toEqual([
      ["kantata-expenses-1", true],
      ["kantata-expenses-2", false],
      ["kantata-expenses-3", true],
      ["kantata-expenses-4", false],
      ["kantata-expenses-5", false],
    ]);
    const bad = reads[1];
    expect(bad?.ok === false && bad.error.issues.map((i) => i.path)).toEqual(["id", "category"]);
    for (const read of reads.slice(3)) {
      expect(read.ok === false && read.error.issues).toEqual([
        expect.objectContaining({ path: "(root)", code: "invalid_type" }),
      ]);
    }
  });
});
