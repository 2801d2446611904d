/**
 * Transport-enforced timeouts: an undici `Agent` with `headersTimeout` / `bodyTimeout` per timeout value,
 * passed to Node's `fetch` as its `dispatcher`, instead of a per-attempt `AbortSignal` (which undici
 * follows at a measurable cost per request). Node's fetch is undici; its global dispatcher is registered
 * under `Symbol.for("undici.globalDispatcher.1")` (undici's cross-version contract), and its class is the
 * `Agent` used here, so no second copy of undici is loaded.
 */
const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");

type AgentLike = { close(): Promise<void> };
type AgentClass = new (options: { headersTimeout: number; bodyTimeout: number }) => AgentLike;

/** undici's timers tick once a second: below this a signal is the precise choice. */
export const TRANSPORT_TIMEOUT_MIN_MS = 5_000;

/** A dispatcher per timeout value, created on first use; `undefined` until Node's fetch has one. */
export class TransportTimeouts {
  readonly #agents = new Map<number, AgentLike>();

  /** The dispatcher enforcing `timeoutMs`, or `undefined` when none is available (use a signal then). */
  dispatcherFor(timeoutMs: number): AgentLike | undefined {
    const existing = this.#agents.get(timeoutMs);
    if (existing) return existing;
    const global = (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER] as
      | { constructor?: unknown }
      | undefined;
    const Agent = global?.constructor as AgentClass | undefined;
    if (typeof Agent !== "function" || (Agent as { name?: string }).name !== "Agent") return undefined;
    const agent = new Agent({ headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
    this.#agents.set(timeoutMs, agent);
    return agent;
  }
}

/** Whether a fetch rejection is undici's headers or body timeout. */
export function isTransportTimeout(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT";
}
