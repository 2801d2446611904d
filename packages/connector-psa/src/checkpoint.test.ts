import { ValidationError } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { advanceCheckpoint, initialCheckpoint, parseCheckpoint, updatedAfterParam } from "./checkpoint.js";

describe("checkpoint", () => {
  it("delivers each record once, including several sharing one instant", () => {
    let cp = initialCheckpoint();
    const seen: string[] = [];
    const offer = (id: string, at: string) => {
      const step = advanceCheckpoint(cp, { id, updated_at: at });
      cp = step.checkpoint;
      if (step.deliver) seen.push(id);
    };
    offer("1", "2026-11-02T10:00:00Z");
    offer("2", "2026-11-02T10:00:00Z");
    offer("1", "2026-11-02T10:00:00Z"); // replayed by the overlap window
    offer("0", "2026-11-02T09:59:59.500Z"); // older than the checkpoint: delivered before
    offer("3", "2026-11-02T11:00:00+01:00"); // same instant, other offset
    expect(seen).toEqual(["1", "2", "3"]);
    expect(cp).toEqual({ version: 1, updatedAfter: "2026-11-02T10:00:00.000Z", seenIds: ["1", "2", "3"] });
  });

  it("asks from overlapMs before the checkpoint", () => {
    expect(updatedAfterParam(initialCheckpoint(), 1000)).toBeUndefined();
    expect(updatedAfterParam(initialCheckpoint("2026-11-02T10:00:00Z"), 1000)).toBe(
      "2026-11-02T09:59:59.000Z",
    );
  });

  it("round-trips through JSON and rejects corrupt checkpoints with the field named", () => {
    const cp = advanceCheckpoint(initialCheckpoint(), {
      id: "9",
      updated_at: "2026-11-02T10:00:00Z",
    }).checkpoint;
    expect(parseCheckpoint(JSON.parse(JSON.stringify(cp)))).toEqual(cp);
    for (const [bad, field] of [
      [{ version: 2, updatedAfter: null, seenIds: [] }, "version"],
      [{ version: 1, updatedAfter: "yesterday", seenIds: [] }, "updatedAfter"],
      [{ version: 1, updatedAfter: null, seenIds: [1] }, "seenIds"],
    ] as const) {
      try {
        parseCheckpoint(bad);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        expect((e as ValidationError).issues[0]?.path).toBe(field);
      }
    }
  });
});
