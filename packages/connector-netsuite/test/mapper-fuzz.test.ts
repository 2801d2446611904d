import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classify, hostile, TARGETS } from "./fuzz/targets.js";

// Small budget here; bench/fuzz/netsuite-mappers.ts runs 100k inputs per target (npm run bench -- fuzz-netsuite).
const RUNS = 150;

describe("NetSuite record-level paths are total (fast-check)", () => {
  for (const target of TARGETS) {
    it(`${target.name}: any input ends mapped or in a typed rejection naming fields, never echoing values`, async () => {
      await fc.assert(
        fc.asyncProperty(hostile(target.base, target.input === "response"), async (input) => {
          const outcome = await classify(target, input);
          expect(outcome).toEqual(expect.objectContaining({ kind: expect.stringMatching(/^(ok|typed)$/) }));
        }),
        { numRuns: RUNS, seed: 20261130 },
      );
    });
  }

  it("the base records themselves map (the fuzz starts from valid inputs)", async () => {
    for (const target of TARGETS) {
      expect(await classify(target, structuredClone(target.base)), target.name).toEqual({ kind: "ok" });
    }
  });
});
