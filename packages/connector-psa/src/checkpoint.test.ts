import { ValidationError } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { CheckpointCursor, initialCheckpoint, parseCheckpoint } from "./checkpoint.js";

describe("CheckpointCursor", () => {
  it("delivers each version once, including several sharing one instant and replays from the overlap", () => {
    const cursor = new CheckpointCursor(initialCheckpoint(), 1000);
    const offer = (id: string, at: string) => cursor.offer({ id, updated_at: at });
    expect(offer("1", "2026-11-02T10:00:00Z")).toBe(true);
    expect(offer("2", "2026-11-02T10:00:00Z")).toBe(true);
    expect(offer("1", "2026-11-02T10:00:00Z")).toBe(false); // replayed by the overlap
    expect(offer("3", "2026-11-02T11:00:00+01:00")).toBe(true); // same instant, other offset: a new id
    expect(offer("1", "2026-11-02T10:00:05Z")).toBe(true); // a new version of 1
    expect(cursor.floor).toBeNull(); // offering never moves the floor …
    expect(cursor.releaseFloor(Date.parse("2026-11-02T10:00:05Z"))).toBe(true); // … releasing does
    expect(cursor.snapshot()).toEqual({
      version: 1,
      floor: "2026-11-02T10:00:04.000Z",
      newest: "2026-11-02T10:00:05.000Z",
      seen: ["1@2026-11-02T10:00:05.000Z"],
    });
  });

  it("still delivers a write committed late, inside the overlap window, and nothing before the floor", () => {
    const cursor = new CheckpointCursor(initialCheckpoint(), 2000);
    cursor.offer({ id: "1", updated_at: "2026-11-02T10:00:10Z" });
    cursor.releaseFloor(Date.parse("2026-11-02T10:00:10Z"));
    expect(cursor.offer({ id: "2", updated_at: "2026-11-02T10:00:09Z" })).toBe(true); // late, in the window
    expect(cursor.offer({ id: "3", updated_at: "2026-11-02T10:00:07Z" })).toBe(false); // before the floor
  });

  it("asks Kantata from just before the floor, and never moves the floor back", () => {
    expect(new CheckpointCursor().updatedAfter()).toBeUndefined();
    expect(new CheckpointCursor(initialCheckpoint("2026-11-02T10:00:00Z")).updatedAfter()).toBe(
      "2026-11-02T09:59:59.999Z",
    );
    const cursor = new CheckpointCursor(initialCheckpoint("2026-11-02T10:00:00Z"), 5000);
    cursor.offer({ id: "1", updated_at: "2026-11-02T10:00:01Z" });
    expect(cursor.releaseFloor(Date.parse("2026-11-02T10:00:01Z"))).toBe(false);
    expect(cursor.releaseFloor(0, Date.parse("2026-11-02T10:00:01.001Z"))).toBe(true);
    expect(cursor.floor).toBe("2026-11-02T10:00:01.001Z");
  });

  it("starts at `since` inclusive", () => {
    const cursor = new CheckpointCursor(initialCheckpoint("2026-11-02T10:00:00Z"));
    expect(cursor.offer({ id: "1", updated_at: "2026-11-02T09:59:59Z" })).toBe(false);
    expect(cursor.offer({ id: "2", updated_at: "2026-11-02T10:00:00Z" })).toBe(true);
  });
});

describe("parseCheckpoint", () => {
  it("round-trips through JSON and rejects corrupt checkpoints with the field named", () => {
    const cursor = new CheckpointCursor();
    cursor.offer({ id: "9", updated_at: "2026-11-02T10:00:00Z" });
    const cp = cursor.snapshot();
    expect(parseCheckpoint(JSON.parse(JSON.stringify(cp)))).toEqual(cp);
    for (const [bad, field] of [
      [{ version: 2, floor: null, newest: null, seen: [] }, "version"],
      [{ version: 1, floor: "yesterday", newest: null, seen: [] }, "floor"],
      [{ version: 1, floor: null, newest: 5, seen: [] }, "newest"],
      [{ version: 1, floor: null, newest: null, seen: ["no-at-sign"] }, "seen.0"],
      [{ version: 1, floor: null, newest: null }, "seen"],
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
