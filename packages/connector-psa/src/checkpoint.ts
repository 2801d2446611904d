import { ValidationError } from "@ledgerline/core";

/**
 * Where an incremental read of one Kantata list stands. Plain JSON: persist it after handling each page and
 * pass it back to resume without loss or duplication.
 *
 * Kantata filters on `updated_at` (whole seconds), many records share one second, and a write can commit a
 * little after a later one was already read. So the checkpoint is a window, not a single instant:
 * everything updated before `floor` is done, and `seen` lists the versions already delivered at or after
 * it. A record is delivered when it is at or after `floor` and its version (`id@updated_at`) is not in
 * `seen`.
 */
export interface SyncCheckpoint {
  /** Format version of this object. */
  version: 1;
  /** ISO 8601 instant: every record updated before it is done; `null` = from the beginning. */
  floor: string | null;
  /** Newest `updated_at` delivered so far; `null` before the first record. */
  newest: string | null;
  /** Versions delivered at or after `floor`, as `"<id>@<updated_at, ISO 8601 UTC>"`. */
  seen: string[];
}

/** A record as far as checkpointing cares: its id and last update instant. */
export interface Versioned {
  id: string;
  updated_at: string;
}

/**
 * How far before the floor `updated_after` is sent: 1 ms, so records at the floor itself come back whether
 * the server compares with `>` or `>=`, and whether it keeps milliseconds or truncates to seconds.
 */
const QUERY_SLACK_MS = 1;

/**
 * The checkpoint to start from: everything (no argument), or everything updated at or after `since`
 * (an ISO 8601 instant). Throws {@link ValidationError} naming `since` when it is not an instant.
 */
export function initialCheckpoint(since?: string): SyncCheckpoint {
  const floor = since === undefined ? null : iso(instantOf(since, "since"));
  return { version: 1, floor, newest: null, seen: [] };
}

/** Checks a checkpoint read back from storage. Throws {@link ValidationError} naming the bad field. */
export function parseCheckpoint(value: unknown): SyncCheckpoint {
  const v = value as Partial<Record<keyof SyncCheckpoint, unknown>> | null;
  const fail = (path: string, message: string): never => {
    throw new ValidationError("Invalid checkpoint", [{ path, message }]);
  };
  if (typeof v !== "object" || v === null) return fail("", "must be an object");
  if (v.version !== 1) fail("version", "must be 1");
  const optionalInstant = (field: "floor" | "newest") => {
    const raw = v[field];
    if (raw === null) return null;
    if (typeof raw !== "string") return fail(field, "must be an ISO 8601 instant or null");
    return iso(instantOf(raw, field));
  };
  const floor = optionalInstant("floor");
  const newest = optionalInstant("newest");
  if (!Array.isArray(v.seen)) return fail("seen", "must be an array of versions");
  const seen = v.seen.map((entry, i) => {
    const at = typeof entry === "string" ? entry.lastIndexOf("@") : -1;
    if (typeof entry !== "string" || at < 1 || Number.isNaN(Date.parse(entry.slice(at + 1)))) {
      return fail(`seen.${i}`, 'must be "<id>@<ISO 8601 instant>"');
    }
    return entry;
  });
  return { version: 1, floor, newest, seen };
}

/**
 * The mutable state of one incremental read: decides which records are new and keeps the window.
 * `syncPages` drives it; use it directly to checkpoint a source of your own.
 */
export class CheckpointCursor {
  #floor: number;
  #newest: number | undefined;
  readonly #seen = new Map<string, number>();
  readonly #overlapMs: number;
  #prunedAt = 0;

  /**
   * @param checkpoint where to resume (default: from the beginning)
   * @param overlapMs how far behind the last record known read the floor stays: writes committed up to this
   *   late (older `updated_at` than records already read) are still delivered. @default 1000
   */
  constructor(checkpoint: SyncCheckpoint = initialCheckpoint(), overlapMs = 1000) {
    if (!Number.isFinite(overlapMs) || overlapMs < 0) {
      throw new TypeError(`overlapMs must be a non-negative number, got ${String(overlapMs)}`);
    }
    const parsed = parseCheckpoint(checkpoint);
    this.#overlapMs = overlapMs;
    this.#floor = parsed.floor === null ? Number.NEGATIVE_INFINITY : Date.parse(parsed.floor);
    this.#newest = parsed.newest === null ? undefined : Date.parse(parsed.newest);
    for (const version of parsed.seen)
      this.#seen.set(version, Date.parse(version.slice(version.lastIndexOf("@") + 1)));
  }

  /** The current floor (ISO 8601), or `null` when reading from the beginning. */
  get floor(): string | null {
    return Number.isFinite(this.#floor) ? iso(this.#floor) : null;
  }

  /**
   * The `updated_after` value to send: 1 ms before the floor, so records at the floor come back whether the
   * server compares with `>` or `>=`; `undefined` when reading from the beginning.
   */
  updatedAfter(): string | undefined {
    return Number.isFinite(this.#floor) ? iso(this.#floor - QUERY_SLACK_MS) : undefined;
  }

  /**
   * Offers a record (in any order). Returns `true` when it is new — at or after the floor and a version not
   * delivered before — and records it as delivered. The floor stays put until {@link releaseFloor}.
   * Throws {@link ValidationError} for a bad `updated_at`.
   */
  offer(record: Versioned): boolean {
    const at = Date.parse(record.updated_at);
    if (Number.isNaN(at)) {
      throw new ValidationError("Invalid record timestamp", [
        { path: "updated_at", message: `record ${record.id}: not an ISO 8601 instant` },
      ]);
    }
    if (at < this.#floor) return false;
    const version = `${record.id}@${iso(at)}`;
    if (this.#seen.has(version)) return false;
    this.#seen.set(version, at);
    if (this.#newest === undefined || at > this.#newest) this.#newest = at;
    return true;
  }

  /**
   * Moves the floor to `overlapMs` before `verifiedUpTo` (ms since the epoch), and at least to `atLeast`:
   * call it once every record updated before `verifiedUpTo` is known to be read. Never moves it back.
   * Returns whether the floor moved.
   */
  releaseFloor(verifiedUpTo: number, atLeast = Number.NEGATIVE_INFINITY): boolean {
    const next = Math.max(verifiedUpTo - this.#overlapMs, atLeast);
    if (!(next > this.#floor)) return false;
    this.#floor = next;
    if (this.#seen.size > 2 * this.#prunedAt + 1024) this.#prune();
    return true;
  }

  /** The checkpoint to persist now. */
  snapshot(): SyncCheckpoint {
    this.#prune();
    return {
      version: 1,
      floor: this.floor,
      newest: this.#newest === undefined ? null : iso(this.#newest),
      seen: [...this.#seen.keys()],
    };
  }

  #prune(): void {
    for (const [version, at] of this.#seen) if (at < this.#floor) this.#seen.delete(version);
    this.#prunedAt = this.#seen.size;
  }
}

function instantOf(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new ValidationError("Invalid checkpoint", [
      { path: field, message: "must be an ISO 8601 instant" },
    ]);
  }
  return ms;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
