import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash } from "../src/content-hash.js";
import { ValidationError } from "../src/errors.js";
import { idempotencyKey } from "../src/idempotency-key.js";

const SAFE = /^[A-Za-z0-9_-]+$/;

describe("idempotencyKey", () => {
  it("keeps plain identities readable", () => {
    expect(idempotencyKey({ system: "kantata", type: "time-entry", id: 42 })).toBe("kantata_time-entry_42");
    expect(idempotencyKey({ system: "kantata", type: "time-entry", id: "42", version: 3 })).toBe(
      "kantata_time-entry_42_3",
    );
  });

  it("sanitises and adds a hash suffix when the text had to change", () => {
    const key = idempotencyKey({ system: "salesforce", type: "Opportunity", id: "006Ab 3/x" });
    expect(key).toMatch(SAFE);
    expect(key).toMatch(/^salesforce_opportunity_006ab-3-x__[0-9a-f]{24}$/);
  });

  it("bounds the length and keeps a readable prefix", () => {
    const key = idempotencyKey({ system: "netsuite", type: "timebill", id: "x".repeat(500) });
    expect(key.length).toBeLessThanOrEqual(64);
    expect(key.startsWith("netsuite_timebill_x")).toBe(true);
  });

  it("separates identities that would sanitise or truncate alike", () => {
    const a = idempotencyKey({ system: "s", type: "t", id: "a/b" });
    const b = idempotencyKey({ system: "s", type: "t", id: "a.b" });
    const c = idempotencyKey({ system: "s", type: "t_a", id: "b" });
    const d = idempotencyKey({ system: "s_t", type: "a", id: "b" });
    const e = idempotencyKey({ system: "S", type: "t", id: "a-b" });
    const f = idempotencyKey({ system: "s", type: "t", id: "a-b" });
    expect(new Set([a, b, c, d, e, f]).size).toBe(6);
  });

  it("is deterministic, external-id safe, bounded and injective (property)", () => {
    const part = fc.oneof(
      fc.string({ minLength: 1, maxLength: 30 }),
      fc.constantFrom("a", "a-b", "A", "a_b"),
    );
    const identity = fc.record(
      {
        system: part,
        type: part,
        id: fc.oneof(part, fc.integer()),
        version: fc.option(part, { nil: undefined }),
      },
      { requiredKeys: ["system", "type", "id"] },
    );
    fc.assert(
      fc.property(identity, identity, fc.integer({ min: 32, max: 100 }), (x, y, maxLength) => {
        const kx = idempotencyKey(x, { maxLength });
        expect(kx).toMatch(SAFE);
        expect(kx.length).toBeLessThanOrEqual(maxLength);
        expect(idempotencyKey({ ...x }, { maxLength })).toBe(kx);
        const same =
          String(x.system) === String(y.system) &&
          String(x.type) === String(y.type) &&
          String(x.id) === String(y.id) &&
          (x.version === undefined ? y.version === undefined : String(x.version) === String(y.version));
        expect(idempotencyKey(y, { maxLength }) === kx).toBe(same);
      }),
      { numRuns: 2000 },
    );
  });

  it("rejects an empty part with a ValidationError naming the field", () => {
    expect.assertions(2);
    try {
      idempotencyKey({ system: "kantata", type: "time-entry", id: "" });
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).issues[0]?.path).toBe("id");
    }
  });

  it("rejects a bad maxLength naming the option", () => {
    expect(() => idempotencyKey({ system: "a", type: "b", id: 1 }, { maxLength: 8 })).toThrow(/maxLength/);
  });
});

describe("contentHash", () => {
  it("does not depend on key order", () => {
    expect(contentHash({ b: 1, a: { y: [1, 2], x: "s" } })).toBe(
      contentHash({ a: { x: "s", y: [1, 2] }, b: 1 }),
    );
  });

  it("changes when content changes, including array order", () => {
    expect(contentHash({ a: [1, 2] })).not.toBe(contentHash({ a: [2, 1] }));
    expect(contentHash({ amount: "10.00" })).not.toBe(contentHash({ amount: "10.0" }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: "1" }));
  });

  it("leaves out volatile fields by path, with * wildcards", () => {
    const a = { id: 1, source: { updatedAt: "2026-01-01" }, lines: [{ n: 1, syncedAt: "x" }] };
    const b = { id: 1, source: { updatedAt: "2026-02-02" }, lines: [{ n: 1, syncedAt: "y" }] };
    const exclude = ["source.updatedAt", "lines.*.syncedAt"];
    expect(contentHash(a)).not.toBe(contentHash(b));
    expect(contentHash(a, { exclude })).toBe(contentHash(b, { exclude }));
    expect(contentHash({ ...a, id: 2 }, { exclude })).not.toBe(contentHash(b, { exclude }));
  });

  it("treats undefined properties as absent and normalises dates", () => {
    expect(contentHash({ a: 1, b: undefined })).toBe(contentHash({ a: 1 }));
    expect(canonicalJson({ d: new Date("2026-01-01T00:00:00Z"), z: -0 })).toBe(
      '{"d":"2026-01-01T00:00:00.000Z","z":0}',
    );
  });

  it("refuses values it cannot hash stably, naming the path", () => {
    expect(() => contentHash({ a: { b: Number.NaN } })).toThrow(/a\.b/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => contentHash(loop)).toThrow(/circular/);
  });
});
