import { ValidationError } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { walkEnvelope } from "./envelope.js";
import type { KantataEnvelope } from "./kantata-types.js";

const meta = { count: 3, page_count: 1, page_number: 1, page_size: 20 };
const entry = (id: string, user_id: string) => ({
  id,
  date_performed: "2026-11-02",
  time_in_minutes: 60,
  billable: true,
  currency: "USD",
  approved: true,
  workspace_id: "1",
  user_id,
  created_at: "2026-11-02T10:00:00Z",
  updated_at: "2026-11-02T10:00:00Z",
});

describe("walkEnvelope", () => {
  it("walks results in order, not in map order, and resolves side-loaded records", () => {
    const envelope: KantataEnvelope = {
      count: 3,
      meta,
      // map order deliberately differs from results order
      results: [
        { key: "time_entries", id: "30" },
        { key: "time_entries", id: "10" },
        { key: "time_entries", id: "20" },
      ],
      time_entries: { "10": entry("10", "7"), "20": entry("20", "8"), "30": entry("30", "7") },
      users: {
        "7": { id: "7", full_name: "Ada" },
      },
    };
    const walked = walkEnvelope(envelope, "time_entries");
    expect(walked.map((w) => w.id)).toEqual(["30", "10", "20"]);
    expect(walked[0]?.included.get("users", walked[0].record.user_id)?.full_name).toBe("Ada");
    expect(walked[2]?.included.get("users", walked[2].record.user_id)).toBeUndefined();
    expect(walked[0]?.included.get("stories", null)).toBeUndefined();
  });

  it("ignores extra records in the requested map that results do not list (side-loaded of the same type)", () => {
    const envelope: KantataEnvelope = {
      count: 1,
      meta: { ...meta, count: 1 },
      results: [{ key: "time_entries", id: "10" }],
      time_entries: { "10": entry("10", "7"), "99": entry("99", "7") },
    };
    expect(walkEnvelope(envelope, "time_entries").map((w) => w.id)).toEqual(["10"]);
  });

  it("throws a ValidationError naming each unresolvable result", () => {
    const envelope: KantataEnvelope = {
      count: 2,
      meta: { ...meta, count: 2 },
      results: [
        { key: "time_entries", id: "404" },
        { key: "users", id: "7" },
      ],
      time_entries: {},
    };
    try {
      walkEnvelope(envelope, "time_entries");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues.map((i) => i.path)).toEqual(["results.0", "results.1.key"]);
    }
  });

  it("does not resolve inherited properties as records", () => {
    const envelope: KantataEnvelope = {
      count: 1,
      meta,
      results: [{ key: "time_entries", id: "constructor" }],
      time_entries: {},
    };
    expect(() => walkEnvelope(envelope, "time_entries")).toThrow(ValidationError);
  });
});
