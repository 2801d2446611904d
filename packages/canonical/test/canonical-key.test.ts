import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CANONICAL_KEY_MAX_LENGTH, CANONICAL_KEY_PATTERN, canonicalKey } from "../src/index.js";

const NETSUITE_EXTERNAL_ID = /^[A-Za-z0-9_-]+$/;

describe("canonicalKey", () => {
  it("is readable for plain sources", () => {
    expect(canonicalKey({ system: "kantata", type: "time_entries", id: "4711" })).toBe(
      "kantata-time_entries-4711",
    );
  });

  it("hashes sources that are not plain, keeping a readable prefix", () => {
    const key = canonicalKey({ system: "netsuite", type: "timeBill", id: "982" });
    expect(key).toMatch(/^netsuite-timebill-982-[0-9a-f]{32}$/);
    expect(canonicalKey({ system: "salesforce", type: "Account", id: "001A" })).not.toBe(
      canonicalKey({ system: "salesforce", type: "Account", id: "001a" }),
    );
  });

  it("does not depend on the version", () => {
    expect(canonicalKey({ system: "a", type: "b", id: "c", version: "1" } as never)).toBe(
      canonicalKey({ system: "a", type: "b", id: "c", version: "2" } as never),
    );
  });

  it("keeps a bounded length for huge ids", () => {
    const key = canonicalKey({ system: "workday", type: "workers", id: "x".repeat(5000) });
    expect(key.length).toBeLessThanOrEqual(CANONICAL_KEY_MAX_LENGTH);
    expect(key).toMatch(CANONICAL_KEY_PATTERN);
  });

  it("rejects empty parts with a TypeError", () => {
    expect(() => canonicalKey({ system: "", type: "t", id: "1" })).toThrow(TypeError);
  });

  const part = fc.oneof(
    // a tiny alphabet of letters, case and separators makes near-collisions likely
    fc.string({ unit: fc.constantFrom("a", "A", "b", "_", "-", ".", " "), minLength: 1, maxLength: 4 }),
    fc.stringMatching(/^[a-z0-9_]{1,12}$/),
    fc.stringMatching(/^[a-zA-Z0-9_|:. -]{1,12}$/),
    fc.string({ minLength: 1, maxLength: 200, unit: "grapheme" }),
  );
  const sourceArb = fc.record({ system: part, type: part, id: part });

  it("property: always a valid NetSuite / Salesforce external id of bounded length", () => {
    fc.assert(
      fc.property(sourceArb, (s) => {
        const key = canonicalKey(s);
        expect(key).toMatch(NETSUITE_EXTERNAL_ID);
        expect(key).toMatch(CANONICAL_KEY_PATTERN);
        expect(key.length).toBeLessThanOrEqual(CANONICAL_KEY_MAX_LENGTH);
      }),
      { numRuns: 2000 },
    );
  });

  it("property: distinct sources never collide, even case-insensitively", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(sourceArb, {
          minLength: 2,
          maxLength: 60,
          selector: (s) => JSON.stringify([s.system, s.type, s.id]),
        }),
        (sources) => {
          const keys = sources.map(canonicalKey);
          expect(new Set(keys).size).toBe(sources.length);
          expect(new Set(keys.map((k) => k.toLowerCase())).size).toBe(sources.length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("property: sources from a tiny alphabet (case, separators) never collide", () => {
    const tiny = fc.string({ unit: fc.constantFrom("a", "A", "_", "-", "."), minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ system: tiny, type: tiny, id: tiny }), {
          minLength: 2,
          maxLength: 200,
          selector: (s) => JSON.stringify([s.system, s.type, s.id]),
        }),
        (sources) => {
          const keys = sources.map(canonicalKey);
          expect(new Set(keys.map((k) => k.toLowerCase())).size).toBe(sources.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("property: near-identical sources (separator and case tricks) never collide", () => {
    const tricky = [
      { system: "a", type: "b-c", id: "d" },
      { system: "a-b", type: "c", id: "d" },
      { system: "a", type: "b", id: "c-d" },
      { system: "a", type: "b_c", id: "d" },
      { system: "a", type: "B_c", id: "d" },
      { system: "A", type: "b_c", id: "d" },
      { system: "a", type: "b.c", id: "d" },
      { system: "a", type: "b c", id: "d" },
    ];
    expect(new Set(tricky.map(canonicalKey)).size).toBe(tricky.length);
  });
});
