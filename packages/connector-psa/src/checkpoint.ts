import { ValidationError } from "@ledgerline/core";

/**
 * Where an incremental read of one Kantata resource stands. Plain JSON: persist it after each page and pass
 * it back to resume without loss or duplication.
 *
 * Kantata's `updated_after` filter works on timestamps, and several records can share one timestamp. So the
 * checkpoint keeps both the latest `updated_at` delivered and the ids already delivered *at exactly that
 * instant*; the next read asks for a little before it (see `overlapMs`) and skips what was delivered.
 */
export interface SyncCheckpoint {
  /** Format version of this object. */
  version: 1;
  /** ISO 8601 instant: every record updated before it has been delivered; `null` before the first record. */
  updatedAfter: string | null;
  /** Ids delivered whose `updated_at` equals `updatedAfter` (same instant, to the millisecond). */
  seenIds: string[];
}

/** A record as far as checkpointing cares: its id and last update instant. */
export interface Versioned {
  id: string;
  updated_at: string;
}

/**
 * The checkpoint to start an incremental read from: everything (no argument), or everything updated at or
 * after `since` (an ISO 8601 instant).
 */
export function initialCheckpoint(since?: string): SyncCheckpoint {
  if (since === undefined) return { version: 1, updatedAfter: null, seenIds: [] };
  return { version: 1, updatedAfter: toInstant(since, "since"), seenIds: [] };
}

/**
 * Checks a checkpoint read back from storage. Throws {@link ValidationError} naming the bad field.
 */
export function parseCheckpoint(value: unknown): SyncCheckpoint {
  const v = value as Partial<SyncCheckpoint> | null;
  if (typeof v !== "object" || v === null) {
    throw new ValidationError("Invalid checkpoint", [{ path: "", message: "must be an object" }]);
  }
  if (v.version !== 1) {
    throw new ValidationError("Invalid checkpoint", [{ path: "version", message: "must be 1" }]);
  }
  if (v.updatedAfter !== null && typeof v.updatedAfter !== "string") {
    throw new ValidationError("Invalid checkpoint", [
      { path: "updatedAfter", message: "must be an ISO 8601 instant or null" },
    ]);
  }
  if (!Array.isArray(v.seenIds) || v.seenIds.some((id) => typeof id !== "string")) {
    throw new ValidationError("Invalid checkpoint", [
      { path: "seenIds", message: "must be an array of ids" },
    ]);
  }
  const updatedAfter = v.updatedAfter === null ? null : toInstant(v.updatedAfter, "updatedAfter");
  return { version: 1, updatedAfter, seenIds: [...v.seenIds] };
}

/**
 * The `updated_after` value to send for `checkpoint`: `overlapMs` before its instant, so that records
 * sharing the checkpoint's instant come back whether the server compares with `>` or `>=` and whatever
 * precision it keeps. `undefined` when nothing has been read yet.
 */
export function updatedAfterParam(checkpoint: SyncCheckpoint, overlapMs: number): string | undefined {
  if (checkpoint.updatedAfter === null) return undefined;
  return new Date(Date.parse(checkpoint.updatedAfter) - overlapMs).toISOString();
}

/**
 * Decides whether `record` is new relative to `checkpoint`, and the checkpoint after delivering it.
 * Records must be offered in ascending `updated_at` order. Pure.
 */
export function advanceCheckpoint(
  checkpoint: SyncCheckpoint,
  record: Versioned,
): { deliver: boolean; checkpoint: SyncCheckpoint } {
  const at = Date.parse(record.updated_at);
  if (Number.isNaN(at)) {
    throw new ValidationError("Invalid record timestamp", [
      { path: "updated_at", message: `record ${record.id}: not an ISO 8601 instant` },
    ]);
  }
  const current =
    checkpoint.updatedAfter === null ? Number.NEGATIVE_INFINITY : Date.parse(checkpoint.updatedAfter);
  if (at < current) return { deliver: false, checkpoint };
  if (at === current) {
    if (checkpoint.seenIds.includes(record.id)) return { deliver: false, checkpoint };
    return { deliver: true, checkpoint: { ...checkpoint, seenIds: [...checkpoint.seenIds, record.id] } };
  }
  return {
    deliver: true,
    checkpoint: { version: 1, updatedAfter: new Date(at).toISOString(), seenIds: [record.id] },
  };
}

function toInstant(value: string, field: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new ValidationError("Invalid checkpoint", [
      { path: field, message: "must be an ISO 8601 instant" },
    ]);
  }
  return new Date(ms).toISOString();
}
