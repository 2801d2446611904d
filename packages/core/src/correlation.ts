import { AsyncLocalStorage } from "node:async_hooks";
import { createHash, randomUUID } from "node:crypto";

/** The correlation context carried through async calls. */
export interface CorrelationContext {
  /** Id sent as `X-Correlation-Id` and attached to every log line and error. */
  readonly correlationId: string;
  /** 32-hex W3C trace id shared by every request made inside this context. */
  readonly traceId: string;
}

const storage = new AsyncLocalStorage<CorrelationContext>();
const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const ZERO_TRACE = "00000000000000000000000000000000";

/** Derives a valid (non-zero, lowercase hex) W3C trace id from a correlation id, deterministically. */
export function traceIdFor(correlationId: string): string {
  let id = UUID_RE.test(correlationId)
    ? correlationId.replaceAll("-", "").toLowerCase()
    : createHash("sha256").update(correlationId).digest("hex").slice(0, 32);
  if (id === ZERO_TRACE) id = createHash("sha256").update(correlationId).digest("hex").slice(0, 32);
  return id;
}

/** Creates a context for `id`, or a fresh random id when `id` is undefined or empty. */
export function createCorrelationContext(id?: string): CorrelationContext {
  if (id && id.length > 0) return { correlationId: id, traceId: traceIdFor(id) };
  const correlationId = randomUUID();
  return { correlationId, traceId: correlationId.replaceAll("-", "") };
}

/**
 * Runs `fn` with a correlation id: every request made inside (however deeply awaited) sends it as
 * `X-Correlation-Id`, derives its W3C `traceparent` from it, and logs and errors carry it.
 *
 * @param id the id to use; `undefined` generates a UUID.
 * @example
 * await withCorrelation(undefined, async () => {
 *   console.log(currentCorrelationId()); // "3b2c…"
 *   await client.GET("/record/v1/customer/{id}", { params: { path: { id: "1" } } });
 * });
 */
export function withCorrelation<T>(id: string | undefined, fn: () => T): T {
  return storage.run(createCorrelationContext(id), fn);
}

/** The correlation id of the current async context, or `undefined` outside {@link withCorrelation}. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** The full correlation context of the current async context, if any. */
export function currentCorrelation(): CorrelationContext | undefined {
  return storage.getStore();
}

const hex8 = () => ((Math.random() * 0x100000000) >>> 0).toString(16).padStart(8, "0");

/**
 * A random, non-zero 16-hex W3C parent (span) id. Span ids need uniqueness, not secrecy, so a fast
 * non-cryptographic source is used (this runs once per attempt).
 */
export function newSpanId(): string {
  let hex = "0000000000000000";
  while (hex === "0000000000000000") hex = hex8() + hex8();
  return hex;
}

/**
 * Formats a W3C `traceparent` header: `00-<trace-id>-<parent-id>-<flags>`.
 * @param sampled sets the `sampled` flag (01); default true.
 */
export function formatTraceparent(traceId: string, spanId: string = newSpanId(), sampled = true): string {
  return `00-${traceId}-${spanId}-${sampled ? "01" : "00"}`;
}

/** Validates a `traceparent` value against the W3C Trace Context level 1 grammar (version 00). */
export function isValidTraceparent(value: string): boolean {
  const m = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(value);
  return m !== null && m[1] !== ZERO_TRACE && m[2] !== "0000000000000000";
}
