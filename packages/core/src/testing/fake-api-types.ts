import type { FaultKind } from "./faults.js";
import type { FakeServer, ListenOptions } from "./http-server.js";
import type { ContractProblem } from "./openapi-validator.js";

/** A request as a route handler sees it (already validated against the document). */
export interface FakeRequest {
  method: string;
  /** Path below the base path, e.g. `/record/v1/timeBill/eid:ll_time_42`. */
  path: string;
  /** Route key of the matched operation, e.g. `"PUT /record/v1/timeBill/eid:{externalId}"`. */
  route: string;
  operationId?: string;
  /** Path parameters, URI-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Headers;
  /** Parsed body: JSON value for JSON media types, an object for form bodies, else the text; `undefined` when empty. */
  body: unknown;
  rawBody: string;
  url: URL;
}

/** What a route handler (or a vendor error-body hook) returns. Objects and arrays are sent as JSON. */
export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Context a route handler receives. */
export interface RouteContext {
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  /** 1-based number of the request since creation or the last `reset()`. */
  seq: number;
  /** The fake's seeded random numbers, for deterministic vendor behaviour. */
  random: () => number;
}

/** A stateful route handler: keep records in a closure or class, answer like the vendor. */
export type RouteHandler = (
  request: FakeRequest,
  context: RouteContext,
) => FakeResponse | Promise<FakeResponse>;

/** See {@link FakeApi.onHandled}. */
export type HandledHook = (request: FakeRequest, response: FakeResponse) => void | Promise<void>;

/** A route with options. */
export interface RouteDefinition {
  handler: RouteHandler;
  /** Whether random faults may hit this route; overrides `faults.routes`. */
  faults?: boolean;
}

/** Kinds of error responses a vendor shapes itself. */
export type FaultResponseKind = "rate-limit" | "rate-limit-no-retry-after" | "unavailable" | "governance";

/** Seeded fault injection. */
export interface FaultOptions {
  /** Probability (0–1) that an eligible request gets a fault. @default 0 */
  rate?: number;
  /** Kinds to draw from: a list (equal weights) or weights per kind. @default every kind, equal weights */
  kinds?: readonly FaultKind[] | Partial<Record<FaultKind, number>>;
  /** Route keys eligible for random faults (a route's own `faults` flag wins). @default every route */
  routes?: readonly string[];
  /** `Retry-After` seconds sent with `"rate-limit"`. @default 1 */
  retryAfterSeconds?: number;
  /** Delay of a `"latency"` fault. @default 200 */
  latencyMs?: number;
  /** How long a `"timeout-after-commit"` fault holds the connection before dropping it. @default 1000 */
  timeoutAfterCommitMs?: number;
  /**
   * The vendor's error responses (status and body shape) for rate limiting, unavailability and
   * governance refusals. Status defaults to 429 / 503; `Retry-After` is added or removed by the fake.
   */
  response?: (kind: FaultResponseKind, request: FakeRequest) => FakeResponse;
}

/** Concurrency governance: refuse requests beyond `maxInFlight` at the same time (429). */
export interface GovernanceOptions {
  maxInFlight: number;
  /** The vendor's refusal; defaults to `faults.response("governance", …)` or a generic 429 body. */
  response?: (request: FakeRequest) => FakeResponse;
}

/** Options of {@link createFakeApi}. */
export interface FakeApiOptions {
  /** OpenAPI 3.x document: a file path (`.yaml`/`.yml`/`.json`), YAML or JSON text, or a parsed object. */
  spec: string | object;
  /**
   * Handlers by route key `"METHOD /path/template"` exactly as in the document, e.g.
   * `"PUT /record/v1/timeBill/eid:{externalId}"`. A key that is not an operation of the document throws.
   */
  routes: Record<string, RouteHandler | RouteDefinition>;
  /** Base URL for msw handlers and the path prefix the fake strips. @default the document's first server */
  baseUrl?: string;
  faults?: FaultOptions;
  governance?: GovernanceOptions;
  /** Time every request takes, counted from its arrival (validation included): a random delay in [minMs, maxMs]. */
  latency?: { minMs: number; maxMs: number };
  /** Seed of fault and latency decisions. @default 1 */
  seed?: number;
  /** Validate every response the routes return. @default true */
  validateResponses?: boolean;
  /** Request log entries kept (oldest dropped first); counters are never capped. @default 1000 */
  requestLogLimit?: number;
  /** Called for every violation as it is recorded. */
  onViolation?: (violation: ContractViolation) => void;
  /** Called by `reset()`, to clear the vendor state kept by the routes. */
  onReset?: () => void;
}

/** A request or response that broke the contract, or a request the fake could not serve. */
export interface ContractViolation {
  /**
   * `"request"`: the client sent something the document does not allow (answered 400, or 404/405 for an
   * undocumented path or method). `"response"`: a route returned something the document does not allow
   * (answered 500). `"unhandled"`: a documented operation without a route (501). `"handler-error"`: a route
   * threw (500).
   */
  kind: "request" | "response" | "unhandled" | "handler-error";
  method: string;
  path: string;
  route?: string;
  problems: ContractProblem[];
  /** One line per problem, naming the location and field, e.g. `request body field "hours": must be integer`. */
  message: string;
}

/** One served request. */
export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  route?: string;
  /** Status sent, if a response was sent. */
  status?: number;
  /** Fault injected, if any. */
  fault?: FaultKind | "governance";
  /** Whether the route handler ran (a write may have been committed). */
  handled: boolean;
  violation: boolean;
  durationMs: number;
}

/** Thrown by `assertNoViolations()`. */
export class FakeApiViolationError extends Error {
  override name = "FakeApiViolationError";
  readonly violations: readonly ContractViolation[];
  constructor(violations: readonly ContractViolation[]) {
    super(
      `Fake API contract violations (${violations.length}):\n${violations.map((v) => `- ${v.message}`).join("\n")}`,
    );
    this.violations = violations;
  }
}

/** A running fake API. */
export interface FakeApi {
  /** A `fetch` served in-process by the fake: inject it into a client (`createHttpClient({ fetch })`). */
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /**
   * Serves one raw request: the transport-neutral entry every transport (`fetch`, `listen`, msw handlers
   * from `@ledgerline/core/testing/msw`) goes through. Use it to plug the fake into another transport.
   */
  handle(request: RawRequest): Promise<FakeOutcome>;
  /** Serves the fake over HTTP on 127.0.0.1 (ephemeral port by default). */
  listen(options?: ListenOptions): Promise<FakeServer>;
  /** Closes every server started by `listen()`. */
  close(): Promise<void>;
  /** Violations recorded so far (since creation or `reset()`). */
  readonly violations: readonly ContractViolation[];
  /** Throws a {@link FakeApiViolationError} listing every violation, if there is any. */
  assertNoViolations(): void;
  /** The last `requestLogLimit` requests. */
  readonly requests: readonly RequestLogEntry[];
  /** Requests received, for one route key or all. */
  calls(route?: string): number;
  /** Requests that reached the route handler, for one route key or all. */
  handled(route?: string): number;
  /** Queues a fault for the next matching request(s), ahead of random faults. */
  injectFault(kind: FaultKind, options?: { route?: string; times?: number }): void;
  /** Changes the random fault rate (0 disables random faults). */
  setFaultRate(rate: number): void;
  /** Clears violations, log, counters, queued faults, re-seeds, and calls `onReset`. */
  reset(): void;
  /**
   * Registers a hook that runs after a route handler returned — its writes are committed in the fake's
   * memory — and before the answer leaves: before the response is sent, and before the connection is
   * dropped by a `"timeout-after-commit"` fault. The answer waits for the promise the hook returns, so a
   * fake that persists its state (a journal flushed here) never confirms a write that is not durable. A
   * hook that throws turns the answer into a 500 `handler-error` violation (nothing was confirmed).
   * Hooks run in registration order. Returns a function that removes the hook.
   * @example
   * fake.api.onHandled(async (request) => { if (request.method !== "GET") await journal.flush(); });
   */
  onHandled(hook: HandledHook): () => void;
  /** Requests being served right now. */
  readonly inFlight: number;
  /** The base URL (from the option or the document). */
  readonly baseUrl: string;
  /** Route keys of every operation in the document. */
  readonly operations: readonly string[];
}

/** How the transport should finish a request. */
export type FakeOutcome =
  | { type: "response"; status: number; headers: Headers; body: string }
  | { type: "reset" }
  | { type: "drop"; afterMs: number };

/** The raw request handed to the fake by a transport. */
export interface RawRequest {
  method: string;
  url: URL;
  headers: Headers;
  rawBody: string;
  signal: AbortSignal;
}
