import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Client, orderClientHierarchy, summarizeExceptions } from "../src/index.js";
import { source } from "./fixtures.js";

const client = (id: string, parent?: string): Client => ({
  key: `sf-account-${id}`,
  source: source("sf", "account", id),
  name: `Client ${id}`,
  active: true,
  ...(parent === undefined ? {} : { parent: { key: `sf-account-${parent}` } }),
});

describe("orderClientHierarchy", () => {
  it("puts parents before children and keeps clients whose parent is outside the set", () => {
    const { ordered, cyclic } = orderClientHierarchy([
      client("c", "b"),
      client("b", "a"),
      client("a"),
      client("x", "elsewhere"),
    ]);
    expect(ordered.map((c) => c.source.id)).toEqual(["a", "x", "b", "c"]);
    expect(cyclic).toEqual([]);
  });

  it("reports cycles as exceptions without dropping anyone", () => {
    const now = new Date("2026-03-01T00:00:00Z");
    const input = [client("a", "b"), client("b", "a"), client("s", "s"), client("d", "a"), client("ok")];
    const r = orderClientHierarchy(input, { now });
    expect(r.ordered.map((c) => c.source.id)).toEqual(["ok"]);
    expect(r.cyclic.map((c) => c.source.id)).toEqual(["a", "b", "s", "d"]);
    expect(summarizeExceptions(r.exceptions, { now }).groups[0]?.headline).toBe(
      "4 clients flagged for cycles in the customer hierarchy",
    );
  });

  it("property: every client is returned once and parents precede children", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.option(fc.integer({ min: 0, max: 20 }))), {
          maxLength: 30,
        }),
        (pairs) => {
          const seen = new Set<number>();
          const input = pairs
            .filter(([id]) => !seen.has(id) && seen.add(id))
            .map(([id, parent]) => client(String(id), parent === null ? undefined : String(parent)));
          const r = orderClientHierarchy(input);
          expect(r.ordered.length + r.cyclic.length).toBe(input.length);
          const position = new Map(r.ordered.map((c, i) => [c.key, i]));
          for (const c of r.ordered) {
            const p = c.parent ? position.get(c.parent.key) : undefined;
            if (p !== undefined) expect(p).toBeLessThan(position.get(c.key)!);
            if (c.parent && !position.has(c.parent.key))
              expect(input.some((x) => x.key === c.parent?.key)).toBe(false);
          }
        },
      ),
    );
  });
});
