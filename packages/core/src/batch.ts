import { z } from "zod";
import { AbortedError } from "./errors.js";
import { fnOption, integerBetween, numberAtLeast, optionsObject, parseOptions } from "./options.js";

const batchOptionsSchema = optionsObject({
  concurrency: integerBetween(1).optional(),
  signal: z
    .custom<AbortSignal>(
      (v) => typeof v === "object" && v !== null && typeof (v as AbortSignal).addEventListener === "function",
      { error: "must be an AbortSignal" },
    )
    .optional(),
  total: integerBetween(0).optional(),
  onProgress: fnOption().optional(),
  progressIntervalMs: numberAtLeast(0).optional(),
  onResult: fnOption().optional(),
  keyOf: fnOption().optional(),
  sampleLimit: integerBetween(0).optional(),
  drainOnAbort: z.boolean({ error: "must be a boolean" }).optional(),
});

/** What a handler returns for one record. An `UpsertResult` from `idempotentUpsert` fits as is. */
export type BatchOutcome =
  | { status: "written"; targetId?: string }
  | { status: "unchanged"; targetId?: string }
  | {
      status: "rejected";
      /** Why the record is not postable, e.g. "hours must be a whole number of minutes". */
      reason: string;
      /** Dotted path of the offending field, e.g. "lines.0.amount". */
      field?: string;
      /** Every issue, when there are several. */
      issues?: readonly BatchIssue[];
    };

/** One validation issue of a rejected record. */
export interface BatchIssue {
  /** Dotted path of the field (`""` for the record itself). */
  path: string;
  message: string;
  code?: string;
}

/** Per-record context passed to a {@link BatchHandler}. */
export interface BatchContext {
  /** 0-based position of the record in the source. */
  index: number;
  /** Aborts when the batch's `signal` aborts; pass it on to HTTP calls. */
  signal: AbortSignal;
}

/**
 * Processes one record. To reject a record (bad input, never retried), throw core's `ValidationError`
 * (its `issues` become the rejection's field and reason) or return `{ status: "rejected", reason, field }`.
 * Any other error marks the record failed with that error (retries belong inside the handler or its HTTP
 * client; the error that reaches the runner is the last one).
 */
export type BatchHandler<T> = (record: T, context: BatchContext) => BatchOutcome | Promise<BatchOutcome>;

/** Final state of one record. */
export type BatchResult =
  | { index: number; key?: string; status: "written" | "unchanged"; targetId?: string }
  | {
      index: number;
      key?: string;
      status: "rejected";
      reason: string;
      field?: string;
      issues: readonly BatchIssue[];
    }
  | { index: number; key?: string; status: "failed"; error: unknown; message: string };

/** Progress of a running batch, for a progress bar. */
export interface BatchProgress {
  /** Records finished (in any bucket). */
  done: number;
  /** Records expected, when the caller gave `total`. */
  total?: number;
  written: number;
  unchanged: number;
  rejected: number;
  failed: number;
  /** Records being processed right now. */
  inFlight: number;
  elapsedMs: number;
  /** Records finished per second since the start. */
  ratePerSecond: number;
  /** Estimated time to finish, when `total` is known and the rate is positive. */
  etaMs?: number;
  /** `done / total` between 0 and 1, when `total` is known. */
  fraction?: number;
  /** True for the last event, emitted once when the batch ends. */
  final: boolean;
}

/** Options of {@link runBatch}. */
export interface BatchOptions<T> {
  /** Records processed at the same time. Also the number of records held in memory. @default 4 */
  concurrency?: number;
  /** Stops reading the source; in-flight handlers get the signal and are awaited. */
  signal?: AbortSignal;
  /** Number of records expected, if known; enables `fraction` and `etaMs` in progress events. */
  total?: number;
  /**
   * Progress listener; called at most every `progressIntervalMs` (also while no record finishes, so a
   * progress bar keeps its rate and ETA fresh), and once at the end with `final: true`.
   */
  onProgress?: (progress: BatchProgress) => void;
  /** Minimum time between progress events. @default 200 */
  progressIntervalMs?: number;
  /**
   * Called with every record's final result (and the record), in completion order: stream results to a file
   * or a dead-letter queue from here. If it returns a promise, the runner waits for it (backpressure).
   * Errors it throws are caught and counted in `report.onResultErrors`; they never change a bucket.
   */
  onResult?: (result: BatchResult, record: T) => void | Promise<void>;
  /** Names a record in results and samples (e.g. its idempotency key). */
  keyOf?: (record: T) => string;
  /** Rejected and failed results kept as samples in the report, per bucket. @default 20 */
  sampleLimit?: number;
  /**
   * After an abort, read the rest of the source without processing it and count every remaining record as
   * failed with an `AbortedError`, so the report accounts for the whole source. Leave off for sources that
   * are expensive or endless to read (e.g. a paginating API): their unread records stay in the source.
   * @default false
   */
  drainOnAbort?: boolean;
}

/** Outcome of {@link runBatch}. Every record read from the source is in exactly one bucket. */
export interface BatchReport {
  /** Records read from the source. Always `written + unchanged + rejected + failed`. */
  input: number;
  written: number;
  unchanged: number;
  rejected: number;
  failed: number;
  /**
   * `"completed"`: the source was read to its end. `"aborted"`: the signal aborted; records read but not
   * processed are in `failed` with an `AbortedError`. `"source-error"`: reading the source threw
   * (`sourceError`); every record read before is accounted for.
   */
  stopReason: "completed" | "aborted" | "source-error";
  /** The error the source threw, when `stopReason` is `"source-error"`. */
  sourceError?: unknown;
  /** `total - input` when `total` was given and the source was not read to its end. */
  unread?: number;
  /** Up to `sampleLimit` rejected results (use `onResult` for all of them). */
  rejectedSamples: BatchResult[];
  /** Up to `sampleLimit` failed results (use `onResult` for all of them). */
  failedSamples: BatchResult[];
  /** Errors thrown by `onResult`. */
  onResultErrors: number;
  durationMs: number;
}

/**
 * Streams records from a (sync or async) iterable through `handler` with bounded concurrency and bounded
 * memory: a record is read from the source only when a slot is free, and per-record detail is streamed to
 * `onResult` rather than kept (the report holds counts and capped samples).
 *
 * Every record read ends in exactly one bucket — written, unchanged, rejected (with reason and field) or
 * failed (with the last error) — also after an abort. The returned promise never rejects because of a
 * record; it rejects only on invalid options (a `TypeError` naming the option, checked before any read).
 * @example
 * const report = await runBatch(readApprovedTime(), async (entry, { signal }) =>
 *   idempotentUpsert({ ledger, key: entry.key, content: entry, write: () => post(entry, signal) }),
 *   { concurrency: 8, total: 1200, onProgress: (p) => bar.update(p.done) });
 */
export async function runBatch<T>(
  source: Iterable<T> | AsyncIterable<T>,
  handler: BatchHandler<T>,
  options: BatchOptions<T> = {},
): Promise<BatchReport> {
  parseOptions(batchOptionsSchema, options, "runBatch");
  if (typeof handler !== "function") throw new TypeError('runBatch: argument "handler" must be a function');
  const concurrency = options.concurrency ?? 4;
  const sampleLimit = options.sampleLimit ?? 20;
  const intervalMs = options.progressIntervalMs ?? 200;
  const { total, signal: outerSignal, keyOf, onProgress, onResult } = options;
  const iterator = getIterator(source);
  const controller = new AbortController();
  const onAbort = () => controller.abort(outerSignal?.reason);
  outerSignal?.addEventListener("abort", onAbort, { once: true });
  if (outerSignal?.aborted) onAbort();
  const signal = controller.signal;

  const start = performance.now();
  const counts = { input: 0, written: 0, unchanged: 0, rejected: 0, failed: 0 };
  const rejectedSamples: BatchResult[] = [];
  const failedSamples: BatchResult[] = [];
  let onResultErrors = 0;
  let lastEmit = start;
  const running = new Set<Promise<void>>();

  const progress = (final: boolean): BatchProgress => {
    const elapsedMs = performance.now() - start;
    const done = counts.written + counts.unchanged + counts.rejected + counts.failed;
    const ratePerSecond = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
    const p: BatchProgress = {
      done,
      written: counts.written,
      unchanged: counts.unchanged,
      rejected: counts.rejected,
      failed: counts.failed,
      inFlight: running.size,
      elapsedMs,
      ratePerSecond,
      final,
    };
    if (total !== undefined) {
      p.total = total;
      p.fraction = total === 0 ? 1 : Math.min(1, done / total);
      if (ratePerSecond > 0) p.etaMs = (Math.max(0, total - done) / ratePerSecond) * 1000;
    }
    return p;
  };

  const settle = async (result: BatchResult, record: T): Promise<void> => {
    counts[result.status]++;
    if (result.status === "rejected" && rejectedSamples.length < sampleLimit) rejectedSamples.push(result);
    if (result.status === "failed" && failedSamples.length < sampleLimit) failedSamples.push(result);
    if (onResult) {
      try {
        await onResult(result, record);
      } catch {
        onResultErrors++;
      }
    }
    if (onProgress) {
      const now = performance.now();
      if (now - lastEmit >= intervalMs) {
        lastEmit = now;
        onProgress(progress(false));
      }
    }
  };

  const abortedResult = (index: number, key: string | undefined): BatchResult => {
    const error = new AbortedError("Batch aborted before this record was processed", {
      cause: signal.reason,
    });
    return { index, ...(key === undefined ? {} : { key }), status: "failed", error, message: error.message };
  };

  const processOne = async (record: T, index: number): Promise<void> => {
    let key: string | undefined;
    let result: BatchResult;
    try {
      key = keyOf?.(record);
      const outcome = await handler(record, { index, signal });
      result = toResult(outcome, index, key);
    } catch (error) {
      result = fromError(error, index, key);
    }
    await settle(result, record);
  };

  // Keeps a progress bar moving while records are slow (no completions to trigger an event).
  const ticker = onProgress
    ? setInterval(
        () => {
          const now = performance.now();
          if (now - lastEmit >= intervalMs) {
            lastEmit = now;
            onProgress(progress(false));
          }
        },
        Math.max(intervalMs, 50),
      )
    : undefined;
  ticker?.unref?.();

  let stopReason: BatchReport["stopReason"] = "completed";
  let sourceError: unknown;
  let exhausted = false;
  let abortWait: Promise<void> | undefined;
  const aborted = () =>
    (abortWait ??= new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener("abort", () => resolve(), { once: true });
    }));

  try {
    while (!signal.aborted) {
      if (running.size >= concurrency) {
        await Promise.race([...running, aborted()]);
        continue;
      }
      let next: IteratorResult<T>;
      try {
        next = await iterator.next();
      } catch (error) {
        stopReason = "source-error";
        sourceError = error;
        exhausted = true; // a throwing iterator is finished
        break;
      }
      if (next.done) {
        exhausted = true;
        break;
      }
      const index = counts.input++;
      if (signal.aborted) {
        await settle(abortedResult(index, safeKey(keyOf, next.value)), next.value);
        break;
      }
      const task = processOne(next.value, index).finally(() => running.delete(task));
      running.add(task);
    }
    if (signal.aborted && stopReason === "completed" && !exhausted) stopReason = "aborted";
    await Promise.all(running);
    if (!exhausted) {
      if (options.drainOnAbort) {
        try {
          for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
            const index = counts.input++;
            await settle(abortedResult(index, safeKey(keyOf, next.value)), next.value);
          }
        } catch (error) {
          sourceError = error;
        }
      } else {
        await iterator.return?.();
      }
    }
  } finally {
    outerSignal?.removeEventListener("abort", onAbort);
    if (ticker) clearInterval(ticker);
  }
  if (signal.aborted && stopReason === "completed" && !exhausted) stopReason = "aborted";

  const report: BatchReport = {
    ...counts,
    stopReason,
    rejectedSamples,
    failedSamples,
    onResultErrors,
    durationMs: performance.now() - start,
  };
  if (sourceError !== undefined) report.sourceError = sourceError;
  if (total !== undefined && stopReason !== "completed") report.unread = Math.max(0, total - counts.input);
  onProgress?.(progress(true));
  return report;
}

function getIterator<T>(source: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> | Iterator<T> {
  if (source != null && typeof (source as AsyncIterable<T>)[Symbol.asyncIterator] === "function") {
    return (source as AsyncIterable<T>)[Symbol.asyncIterator]();
  }
  if (source != null && typeof (source as Iterable<T>)[Symbol.iterator] === "function") {
    return (source as Iterable<T>)[Symbol.iterator]();
  }
  throw new TypeError("runBatch: source must be an iterable or an async iterable");
}

function safeKey<T>(keyOf: ((record: T) => string) | undefined, record: T): string | undefined {
  try {
    return keyOf?.(record);
  } catch {
    return undefined;
  }
}

function toResult(outcome: BatchOutcome, index: number, key: string | undefined): BatchResult {
  const base = key === undefined ? { index } : { index, key };
  if (outcome?.status === "written" || outcome?.status === "unchanged") {
    return outcome.targetId === undefined
      ? { ...base, status: outcome.status }
      : { ...base, status: outcome.status, targetId: outcome.targetId };
  }
  if (outcome?.status === "rejected") {
    const issues = outcome.issues ?? [{ path: outcome.field ?? "", message: outcome.reason }];
    return {
      ...base,
      status: "rejected",
      reason: outcome.reason,
      ...(outcome.field === undefined ? {} : { field: outcome.field }),
      issues,
    };
  }
  const error = new TypeError(
    `runBatch: handler returned ${JSON.stringify((outcome as { status?: unknown })?.status)}; expected a status of written, unchanged or rejected`,
  );
  return { ...base, status: "failed", error, message: error.message };
}

/**
 * A core `ValidationError` or a subclass (canonical's `CanonicalValidationError`), by its code rather than
 * `instanceof`, so one from another copy of core (ESM + CJS) is still recognised.
 */
function isValidationError(error: unknown): error is Error & { issues: readonly unknown[] } {
  return (
    error instanceof Error &&
    ((error as { code?: unknown }).code === "VALIDATION_ERROR" || error.name === "ValidationError") &&
    Array.isArray((error as { issues?: unknown }).issues)
  );
}

function fromError(error: unknown, index: number, key: string | undefined): BatchResult {
  const base = key === undefined ? { index } : { index, key };
  if (isValidationError(error)) {
    const issues: BatchIssue[] = error.issues.map((raw) => {
      const issue = raw as { path?: unknown; message?: unknown; code?: unknown };
      const path = Array.isArray(issue.path) ? issue.path.join(".") : String(issue.path ?? "");
      const message = typeof issue.message === "string" ? issue.message : String(issue.message);
      return typeof issue.code === "string" ? { path, message, code: issue.code } : { path, message };
    });
    const first = issues[0];
    return {
      ...base,
      status: "rejected",
      reason: first?.message ?? error.message,
      ...(first?.path ? { field: first.path } : {}),
      issues,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { ...base, status: "failed", error, message };
}
