import createClient, {
  type Client,
  type ClientPathsWithMethod,
  type FetchResponse,
  type MaybeOptionalInit,
} from "openapi-fetch";
import { z } from "zod";
import { isRequestSigner, type RequestSigner, type TokenProvider } from "./auth/token-provider.js";
import { createCorrelationContext, currentCorrelation, formatTraceparent } from "./correlation.js";
import {
  AbortedError,
  HttpError,
  LedgerlineError,
  NetworkError,
  RateLimitError,
  TimeoutError,
} from "./errors.js";
import { combineHooks, type HttpHooks } from "./hooks.js";
import { LightRequest, requestBytes } from "./light-request.js";
import { Limiter, type LimiterOptions } from "./limiter.js";
import { type Logger, levelEnabled, redactingLogger, silentLogger } from "./logger.js";
import {
  fnOption,
  hooksOption,
  httpAuthOption,
  httpUrl,
  isLimiterLike,
  limitsOption,
  loggerOption,
  nonEmptyString,
  optionsObject,
  parseOptions,
  retryOption,
  sensitiveFieldsOption,
  stringList,
  timeoutMsOption,
  tracerOption,
  transportOption,
} from "./options.js";
import { endRequestSpan, type SpanLike, startRequestSpan, type TracerLike, traceparentOf } from "./otel.js";
import { createRedactor } from "./redact.js";
import {
  isRefusal,
  isRetryableByDefault,
  isTimeout,
  parseRetryAfter,
  type RetryOptions,
  resolveRetryPolicy,
  retryDelay,
  SAFE_METHODS,
  sleep,
} from "./retry.js";
import type { RetryBudget } from "./retry-budget.js";
import { attemptSignal } from "./timeout.js";
import { isTransportTimeout, TRANSPORT_TIMEOUT_MIN_MS, TransportTimeouts } from "./transport-timeouts.js";
import {
  createHttpError,
  type ParsedVendorError,
  type ParseErrorHook,
  parseCommonErrorBody,
} from "./vendor-error.js";

/** The transport a client sends each attempt through (default: global `fetch`; inject undici, msw …). */
export type Transport = (request: Request) => Promise<Response>;

/**
 * Per-request options, passed in the openapi-fetch init object next to `params` / `body`:
 * `client.POST("/customer", { body, idempotent: true })`.
 */
export interface LedgerlineRequestOptions {
  /**
   * Marks this call as safe to send more than once (an upsert by external id, a request carrying an
   * idempotency key), so POST / PUT / PATCH may be retried. `false` disables retries even for GET.
   * @default true for GET, HEAD, OPTIONS, TRACE, DELETE; false for POST, PUT, PATCH
   */
  idempotent?: boolean;
  /** Per-attempt timeout for this call, overriding the client's `timeoutMs`. */
  timeoutMs?: number;
}

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** Name of the system, used in logs, errors and hooks (e.g. `"netsuite"`). */
  system: string;
  /** Root URL every path is resolved against. */
  baseUrl: string;
  /** Custom transport, e.g. an undici-dispatcher fetch or a test double. @default globalThis.fetch */
  fetch?: Transport;
  /** `TokenProvider` → `Authorization: Bearer`, or a `RequestSigner` such as `oauth1Signer`. */
  auth?: TokenProvider | RequestSigner;
  /** Retry policy, or `false` for no retries. @default 3 attempts, 500 ms base, 8 s max, AWS-style budget */
  retry?: RetryOptions | false;
  /** Concurrency / rate limits, or a shared {@link Limiter}. @default 10 in flight, no rate limit, not adaptive */
  limits?: LimiterOptions | Limiter;
  /**
   * Per-attempt timeout in milliseconds (until response headers; error bodies included). `0` disables it:
   * no AbortSignal is attached, which is cheaper in undici; only do that with a transport that enforces its
   * own timeouts (e.g. an undici `Agent` with `headersTimeout` / `bodyTimeout`). @default 30000
   */
  timeoutMs?: number;
  /**
   * How `timeoutMs` is enforced. `"transport"`: by the transport — an undici `Agent` with
   * `headersTimeout` / `bodyTimeout` given to Node's `fetch` as its dispatcher, no per-attempt
   * `AbortSignal` (cheaper; undici's timers tick once a second, so a timeout fires up to ~1 s late, and
   * `bodyTimeout` bounds the pauses between body chunks, not the whole body); `"signal"`: a per-attempt
   * `AbortSignal` (precise); `"auto"`: the transport with the default `fetch` when `timeoutMs` ≥ 5000, a
   * signal otherwise and with a custom `fetch`. Either way a timeout is a `TimeoutError` and the caller's
   * own signal still aborts (`AbortedError`). @default "auto"
   */
  timeouts?: "auto" | "transport" | "signal";
  /** pino-compatible logger; silent by default. Everything written to it is redacted. */
  logger?: Logger;
  /** Field paths whose values never reach a log or error (e.g. `["rate", "salary"]`), see `createRedactor`. */
  sensitiveFields?: readonly string[];
  /** Lifecycle callbacks for metrics / tracing. */
  hooks?: HttpHooks | readonly HttpHooks[];
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Vendor hook mapping an error body to vendor code / message / path / retryability / class. */
  parseError?: ParseErrorHook;
  /** OpenTelemetry tracer (`trace.getTracer(name)`); each request gets a CLIENT span and its `traceparent`. */
  tracer?: TracerLike;
  /** Response headers holding the vendor request id, first match wins. @default ["x-request-id", "request-id", "x-amzn-requestid", "sforce-call-id"] */
  requestIdHeaders?: readonly string[];
}

/** HTTP methods of an OpenAPI path item. */
type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
/** A media type such as `application/json` (as openapi-fetch types it). */
type MediaType = `${string}/${string}`;
// biome-ignore lint/complexity/noBannedTypes: the same emptiness test openapi-fetch uses for required init keys
type RequiredKeysOfHelper<T> = { [K in keyof T]: {} extends Pick<T, K> ? never : K }[keyof T];
type RequiredKeysOf<T> = RequiredKeysOfHelper<T> extends undefined ? never : RequiredKeysOfHelper<T>;
/** The init argument: required when the operation has required parameters or body, optional otherwise. */
type InitParam<Init> =
  RequiredKeysOf<Init> extends never
    ? [(Init & LedgerlineRequestOptions & { [key: string]: unknown })?]
    : [Init & LedgerlineRequestOptions & { [key: string]: unknown }];

/**
 * What a typed call resolves with. Non-2xx responses (after retries) throw typed errors, so a result always
 * carries `data`, typed by the spec's success response (`undefined` at run time for a 204 or an empty body).
 */
export interface HttpResult<Data> {
  /** The parsed success body. */
  data: Data;
  /** Never set: errors are thrown, not returned. */
  error?: never;
  /** The raw 2xx response (headers such as `Location`). */
  response: Response;
}

/** The success body type of an operation for the given init (honours `parseAs`). */
export type HttpSuccessData<Operation extends Record<string | number, unknown>, Init> = Extract<
  FetchResponse<Operation, Init, MediaType>,
  { data: unknown }
>["data"];

/** One typed method (`GET`, `POST` …) of an {@link HttpClient}: path-checked, resolving with {@link HttpResult}. */
export type HttpClientMethod<Paths extends {}, Method extends HttpMethod> = <
  Path extends ClientPathsWithMethod<Client<Paths>, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method & keyof Paths[Path]>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<
  HttpResult<
    HttpSuccessData<Paths[Path][Method & keyof Paths[Path]] & Record<string | number, unknown>, Init>
  >
>;

/**
 * An openapi-fetch client whose non-2xx responses (after retries) throw typed errors — so every result has
 * `data` and never `error` — plus the pipeline as a raw `fetch` for URLs outside the spec (e.g. an async
 * job `Location`).
 */
export type HttpClient<Paths extends {}> = Omit<
  Client<Paths>,
  "request" | "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE"
> & {
  /** Calls any method of the spec by name (`client.request("get", "/items/{id}", init)`). */
  request: <
    Method extends HttpMethod,
    Path extends ClientPathsWithMethod<Client<Paths>, Method>,
    Init extends MaybeOptionalInit<Paths[Path], Method & keyof Paths[Path]>,
  >(
    method: Method,
    url: Path,
    ...init: InitParam<Init>
  ) => Promise<
    HttpResult<
      HttpSuccessData<Paths[Path][Method & keyof Paths[Path]] & Record<string | number, unknown>, Init>
    >
  >;
  /** Calls a GET endpoint. */
  GET: HttpClientMethod<Paths, "get">;
  /** Calls a PUT endpoint. */
  PUT: HttpClientMethod<Paths, "put">;
  /** Calls a POST endpoint. */
  POST: HttpClientMethod<Paths, "post">;
  /** Calls a DELETE endpoint. */
  DELETE: HttpClientMethod<Paths, "delete">;
  /** Calls an OPTIONS endpoint. */
  OPTIONS: HttpClientMethod<Paths, "options">;
  /** Calls a HEAD endpoint. */
  HEAD: HttpClientMethod<Paths, "head">;
  /** Calls a PATCH endpoint. */
  PATCH: HttpClientMethod<Paths, "patch">;
  /** Calls a TRACE endpoint. */
  TRACE: HttpClientMethod<Paths, "trace">;
  /** The `system` name given at construction. */
  readonly system: string;
  /** The limiter in use (inspect `concurrency`, `activeCount`). */
  readonly limiter: Limiter;
  /** The retry budget in use, if any. */
  readonly retryBudget: RetryBudget | undefined;
  /** Sends any request through the full stack; resolves with a 2xx `Response`, throws typed errors otherwise. */
  fetch(input: string | URL | Request, init?: RequestInit & LedgerlineRequestOptions): Promise<Response>;
};

/** Runtime schema of {@link HttpClientOptions}: every option is checked when the client is created. */
const httpClientOptionsSchema = optionsObject({
  system: nonEmptyString,
  baseUrl: httpUrl,
  fetch: transportOption.optional(),
  auth: httpAuthOption.optional(),
  retry: retryOption.optional(),
  limits: limitsOption.optional(),
  timeoutMs: timeoutMsOption.optional(),
  timeouts: z
    .enum(["auto", "transport", "signal"], { error: 'must be "auto", "transport" or "signal"' })
    .optional(),
  logger: loggerOption.optional(),
  sensitiveFields: sensitiveFieldsOption.optional(),
  hooks: hooksOption.optional(),
  headers: z
    .record(z.string(), z.string({ error: "must map header names to strings" }), {
      error: "must be an object of header names to strings",
    })
    .optional(),
  parseError: fnOption().optional(),
  tracer: tracerOption.optional(),
  requestIdHeaders: stringList.optional(),
});

const DEFAULT_REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid", "sforce-call-id"];

type AttemptOutcome =
  | { ok: true; response: Response }
  | { ok: false; error: LedgerlineError; rejectedToken: string | undefined };

function pathOf(url: string): string {
  const q = url.indexOf("?");
  const noQuery = q === -1 ? url : url.slice(0, q);
  const m = /^[a-z]+:\/\/[^/]+(\/.*)?$/i.exec(noQuery);
  return m ? (m[1] ?? "/") : noQuery;
}

/**
 * Creates a typed HTTP client for one vendor API.
 *
 * Stack, outermost first: correlation → logging/hooks/span → retry (budget, backoff, Retry-After) →
 * limiter slot (per attempt) → auth (per attempt; 401 → invalidate, refresh, resend once) → timeout
 * (per attempt) → transport. See the package README for why.
 *
 * @example
 * const client = createHttpClient<paths>({
 *   system: "netsuite",
 *   baseUrl: "https://123.suitetalk.api.netsuite.com/services/rest",
 *   auth: clientCredentialsProvider({ tokenUrl, clientId, clientSecret }),
 *   limits: { maxConcurrency: 5, adaptive: true },
 * });
 * const { data } = await client.GET("/record/v1/customer/{id}", { params: { path: { id: "42" } } });
 * await client.PUT("/record/v1/customer/eid:{eid}", { params: { path: { eid } }, body, idempotent: true });
 */
export function createHttpClient<Paths extends {}>(options: HttpClientOptions): HttpClient<Paths> {
  parseOptions(httpClientOptionsSchema, options, "createHttpClient");
  const timeoutMs = options.timeoutMs ?? 30_000;
  const system = options.system;
  const customTransport = options.fetch;
  const policy = resolveRetryPolicy(options.retry);
  const limiter = isLimiterLike(options.limits)
    ? (options.limits as Limiter)
    : new Limiter(options.limits as LimiterOptions | undefined);
  const redactor = createRedactor({ sensitiveFields: options.sensitiveFields });
  const logger = options.logger ? redactingLogger(options.logger.child({ system }), redactor) : silentLogger;
  const hooks = Array.isArray(options.hooks)
    ? combineHooks(...(options.hooks as HttpHooks[]))
    : (options.hooks as HttpHooks | undefined);
  const auth = options.auth;
  const signer = auth && isRequestSigner(auth) ? auth : undefined;
  const tokens = auth && !isRequestSigner(auth) ? (auth as TokenProvider) : undefined;
  const tracer = options.tracer;
  const requestIdHeaders = options.requestIdHeaders ?? DEFAULT_REQUEST_ID_HEADERS;
  const timeoutMode = options.timeouts ?? "auto";
  const transportTimeouts =
    customTransport === undefined && timeoutMode !== "signal" ? new TransportTimeouts() : undefined;

  const safeHook = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      logger.warn({ hookError: e instanceof Error ? e.message : String(e) }, "hook threw; ignored");
    }
  };

  function sensitiveLiterals(body: Uint8Array | undefined, contentType: string | null): string[] {
    if (!body || body.byteLength === 0) return [];
    const text = new TextDecoder().decode(body);
    try {
      if (contentType?.includes("json") || /^\s*[[{]/.test(text))
        return redactor.sensitiveValues(JSON.parse(text));
    } catch {
      // not JSON
    }
    if (contentType?.includes("x-www-form-urlencoded")) {
      return redactor.sensitiveValues(Object.fromEntries(new URLSearchParams(text)));
    }
    return [];
  }

  async function send(request: Request | LightRequest): Promise<Response> {
    const started = performance.now();
    const ctx =
      currentCorrelation() ?? createCorrelationContext(request.headers.get("x-correlation-id") ?? undefined);
    const correlationId = ctx.correlationId;
    const extra = request as (Request | LightRequest) & LedgerlineRequestOptions;
    const method = request.method;
    const idempotent = extra.idempotent ?? SAFE_METHODS.has(method);
    const attemptTimeoutMs = extra.timeoutMs ?? timeoutMs;
    const url = request.url;
    const userSignal: AbortSignal | undefined = request.signal ?? undefined;
    // Keep a re-sendable copy of the body: every attempt sends exactly these bytes.
    const pendingBody = requestBytes(request);
    const body = pendingBody instanceof Promise ? await pendingBody : pendingBody;
    const debug = levelEnabled(logger, "debug");
    let safeUrlCache: string | undefined;
    const safeUrl = () => {
      safeUrlCache ??= redactor.url(url);
      return safeUrlCache;
    };
    const observed = debug || hooks !== undefined || tracer !== undefined;
    const base = observed ? { system, method, url: safeUrl(), correlationId } : undefined;
    const span: SpanLike | undefined = tracer && base ? startRequestSpan(tracer, base) : undefined;
    const spanTraceparent = span ? traceparentOf(span) : undefined;
    if (hooks?.onRequestStart && base) safeHook(() => hooks.onRequestStart?.({ ...base }));
    if (debug) logger.debug({ correlationId, method, url: safeUrl() }, "request start");

    let attempts = 0;
    let lastStatus: number | undefined;
    let lastRetryCost: number | undefined;
    let lastAttemptMs = 0;

    const sendOnce = async (epoch: number | undefined): Promise<AttemptOutcome> => {
      // Every attempt overwrites the same headers, so the original request's headers can be reused.
      const headers = request.headers;
      if (!headers.has("x-correlation-id")) headers.set("x-correlation-id", correlationId);
      headers.set("traceparent", spanTraceparent ?? formatTraceparent(ctx.traceId));
      let token: string | undefined;
      if (signer) await signer.sign({ method, url, headers, body });
      else if (tokens) {
        token = await tokens.getToken();
        headers.set("authorization", `Bearer ${token}`);
      }
      // The transport enforces the timeout when it can (no per-attempt signal to follow), else a signal.
      const dispatcher =
        transportTimeouts &&
        attemptTimeoutMs > 0 &&
        Number.isFinite(attemptTimeoutMs) &&
        (timeoutMode === "transport" || attemptTimeoutMs >= TRANSPORT_TIMEOUT_MIN_MS)
          ? transportTimeouts.dispatcherFor(attemptTimeoutMs)
          : undefined;
      const deadline = dispatcher
        ? { signal: userSignal, timedOut: () => false, clear: () => {} }
        : attemptSignal(userSignal, attemptTimeoutMs);
      let response: Response;
      try {
        const init: RequestInit = {
          method,
          headers,
          body: body ?? null,
          signal: deadline.signal,
          redirect: request.redirect,
          ...(dispatcher ? { dispatcher: dispatcher as never } : {}),
        };
        // Without a custom transport, skip building a second Request object (measurably cheaper in undici).
        response = await (customTransport
          ? customTransport(new Request(url, init))
          : globalThis.fetch(url, init));
      } catch (e) {
        deadline.clear();
        if (e instanceof LedgerlineError) throw e;
        if (deadline.timedOut() || (dispatcher && isTransportTimeout(e))) {
          throw new TimeoutError(
            `${system} ${method} ${pathOf(url)} timed out after ${attemptTimeoutMs} ms`,
            {
              method,
              url: safeUrl(),
              timeoutMs: attemptTimeoutMs,
              retryable: true,
              correlationId,
              system,
            },
          );
        }
        if (userSignal?.aborted)
          throw new AbortedError(undefined, { method, url: safeUrl(), correlationId, system });
        const cause = (e as { cause?: { code?: unknown } }).cause;
        const code = typeof cause?.code === "string" ? cause.code : e instanceof Error ? e.name : "unknown";
        throw new NetworkError(`${system} ${method} ${pathOf(url)} failed without a response (${code})`, {
          method,
          url: safeUrl(),
          retryable: true,
          correlationId,
          system,
          cause: e,
        });
      }
      lastStatus = response.status;
      if (response.ok) {
        deadline.clear();
        limiter.onSuccess();
        return { ok: true, response };
      }
      let text = "";
      try {
        text = await response.text();
      } catch {
        // body unreadable (timeout / reset): classify by status alone
      } finally {
        deadline.clear();
      }
      const error = buildHttpError(response, text, {
        method,
        url,
        body,
        contentType: headers.get("content-type"),
        literals: token ? [token] : [],
        correlationId,
      });
      if (response.status === 429 || error instanceof RateLimitError) {
        const concurrency = limiter.onThrottle(epoch);
        if (hooks?.onRateLimited && base) {
          safeHook(() =>
            hooks.onRateLimited?.({
              ...base,
              status: response.status,
              vendorCode: error.vendorCode,
              retryAfterMs: error.retryAfterMs,
              concurrency,
              durationMs: performance.now() - started,
            }),
          );
        }
        if (debug) logger.debug({ correlationId, status: response.status, concurrency }, "rate limited");
      }
      return { ok: false, error, rejectedToken: response.status === 401 ? token : undefined };
    };

    function buildHttpError(
      response: Response,
      text: string,
      req: {
        method: string;
        url: string;
        body: Uint8Array | undefined;
        contentType: string | null;
        literals: string[];
        correlationId: string;
      },
    ): HttpError {
      const parsed: ParsedVendorError = parseCommonErrorBody(text);
      if (options.parseError) {
        try {
          const vendor = options.parseError(response, text);
          if (vendor) {
            for (const [k, v] of Object.entries(vendor)) {
              if (v !== undefined) (parsed as Record<string, unknown>)[k] = v;
            }
          }
        } catch {
          // a faulty vendor hook must not hide the HTTP error
        }
      }
      const literals = [...req.literals, ...sensitiveLiterals(req.body, req.contentType)];
      const status = response.status;
      const vendorMessage = parsed.message
        ? redactor.text(parsed.message, literals).slice(0, 300)
        : undefined;
      let requestId: string | undefined;
      for (const h of requestIdHeaders) {
        const v = response.headers.get(h);
        if (v) {
          requestId = v;
          break;
        }
      }
      const retryable = parsed.retryable ?? policy.retryableStatuses.has(status);
      const message = `${system} ${req.method} ${pathOf(req.url)} failed with HTTP ${status}${
        parsed.vendorCode ? ` ${parsed.vendorCode}` : ""
      }${vendorMessage ? `: ${vendorMessage}` : ""}`;
      return createHttpError(
        message,
        {
          status,
          method: req.method,
          url: safeUrl(),
          vendorCode: parsed.vendorCode,
          requestId,
          bodyExcerpt: text ? redactor.excerpt(text, literals) : undefined,
          path: parsed.path,
          retryAfterMs: parseRetryAfter(response.headers),
          issues: parsed.issues?.map((i) => ({ ...i, message: redactor.text(i.message, literals) })),
          retryable,
          correlationId: req.correlationId,
          system,
        },
        parsed.kind,
      );
    }

    const attempt = async (): Promise<Response> => {
      attempts++;
      const attemptStarted = performance.now();
      let refreshed = false;
      try {
        for (;;) {
          const epoch = limiter.adaptive?.epoch;
          const outcome = await limiter.run(() => sendOnce(epoch), userSignal);
          if (outcome.ok) return outcome.response;
          // 401 with a bearer token: invalidate it, fetch a fresh one, resend once (in a new slot).
          if (outcome.rejectedToken !== undefined && tokens && !refreshed) {
            refreshed = true;
            tokens.invalidate(outcome.rejectedToken);
            if (debug) logger.debug({ correlationId }, "401: refreshing token and resending once");
            continue;
          }
          throw outcome.error;
        }
      } catch (e) {
        lastAttemptMs = performance.now() - attemptStarted;
        if (e instanceof LedgerlineError) e.attempts = attempts;
        throw e;
      }
    };

    /** Decides after a failed attempt (1-based `attemptNumber`) and, if retrying, waits. */
    const shouldRetry = async (error: unknown, attemptNumber: number): Promise<boolean> => {
      if (!(error instanceof LedgerlineError) || error instanceof AbortedError) return false;
      if (!idempotent) return false;
      let decision = isRetryableByDefault(error, policy);
      if (policy.classify)
        decision = policy.classify({ error, attempt: attemptNumber, method, idempotent }, decision);
      if (!decision) return false;
      if (policy.budget) {
        const cost = policy.budget.tryAcquire(isTimeout(error));
        if (cost === undefined) {
          if (debug) logger.debug({ correlationId }, "retry budget exhausted; not retrying");
          return false;
        }
        lastRetryCost = cost;
      }
      const delayMs = retryDelay(
        policy,
        attemptNumber,
        error instanceof HttpError ? error.retryAfterMs : undefined,
      );
      if (hooks?.onRetry && base) {
        safeHook(() =>
          hooks.onRetry?.({ ...base, attempt: attemptNumber, delayMs, durationMs: lastAttemptMs, error }),
        );
      }
      if (debug) {
        logger.debug(
          { correlationId, attempt: attemptNumber, delayMs, code: error.code, status: lastStatus },
          "retrying",
        );
      }
      await sleep(delayMs, userSignal);
      return true;
    };

    /** After a refusal made before any work: waits a growing, jittered delay unless the deadline is near. */
    let refusals = 0;
    const retryRefusal = async (error: HttpError): Promise<boolean> => {
      if (userSignal?.aborted) return false;
      refusals++;
      const delayMs = retryDelay(
        { ...policy, jitter: Math.max(policy.jitter, 0.5) },
        Math.min(refusals, 16),
        error.retryAfterMs,
      );
      if (performance.now() - started + delayMs > policy.refusalMaxWaitMs) return false;
      if (hooks?.onRetry && base) {
        safeHook(() =>
          hooks.onRetry?.({ ...base, attempt: attempts, delayMs, durationMs: lastAttemptMs, error }),
        );
      }
      if (debug) logger.debug({ correlationId, refusals, delayMs, code: error.code }, "refused; retrying");
      await sleep(delayMs, userSignal);
      return true;
    };

    // The first attempt runs directly (the common, successful case skips the loop); after a failure worth
    // retrying, the loop drives the rest. Refusals made before any work don't count as attempts.
    const retryAfterFirst = async (first: unknown): Promise<Response> => {
      let error = first;
      let counted = isRefusal(first, policy) ? 0 : 1;
      for (;;) {
        if (isRefusal(error, policy)) {
          if (!(await retryRefusal(error))) throw error;
        } else if (counted >= policy.maxAttempts || !(await shouldRetry(error, counted))) {
          throw error;
        }
        try {
          return await attempt();
        } catch (e) {
          error = e;
          if (!isRefusal(e, policy)) counted++;
        }
      }
    };

    try {
      let response: Response;
      try {
        response = await attempt();
      } catch (first) {
        response = await retryAfterFirst(first);
      }
      policy.budget?.recordSuccess(lastRetryCost);
      const durationMs = performance.now() - started;
      if (hooks?.onRequestEnd && base) {
        safeHook(() =>
          hooks.onRequestEnd?.({ ...base, status: lastStatus, attempts, durationMs, error: undefined }),
        );
      }
      if (span) endRequestSpan(span, { status: lastStatus, attempts });
      if (debug) logger.debug({ correlationId, status: lastStatus, attempts, durationMs }, "request end");
      return response;
    } catch (e) {
      const error =
        e instanceof LedgerlineError
          ? e
          : userSignal?.aborted
            ? new AbortedError(undefined, { method, url: safeUrl() })
            : new NetworkError(`${system} ${method} ${pathOf(url)} failed`, {
                method,
                url: safeUrl(),
                cause: e,
              });
      error.correlationId ??= correlationId;
      error.system ??= system;
      error.attempts = Math.max(error.attempts, attempts);
      const durationMs = performance.now() - started;
      if (hooks?.onRequestEnd && base) {
        safeHook(() => hooks.onRequestEnd?.({ ...base, status: lastStatus, attempts, durationMs, error }));
      }
      if (span) endRequestSpan(span, { status: lastStatus, attempts, errorCode: error.code });
      if (debug) {
        logger.debug(
          {
            correlationId,
            attempts,
            durationMs,
            err: {
              name: error.name,
              code: error.code,
              message: error.message,
              status: error instanceof HttpError ? error.status : undefined,
              vendorCode: error instanceof HttpError ? error.vendorCode : undefined,
              bodyExcerpt: error instanceof HttpError ? error.bodyExcerpt : undefined,
            },
          },
          "request failed",
        );
      }
      throw error;
    }
  }

  // openapi-fetch builds a Request per call; until middleware is registered a LightRequest does (see light-request.ts).
  let realRequests = false;
  const RequestFactory = new Proxy(LightRequest, {
    construct: (Light, args: [string, RequestInit | undefined]) =>
      realRequests ? new Request(args[0], args[1]) : new Light(args[0], args[1]),
  }) as unknown as typeof Request;
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    fetch: send as (request: Request) => Promise<Response>,
    headers: options.headers,
    Request: RequestFactory,
  });
  const use = client.use.bind(client);
  client.use = (...middleware) => {
    realRequests = true;
    use(...middleware);
  };
  const rawFetch = (input: string | URL | Request, init?: RequestInit & LedgerlineRequestOptions) => {
    const target =
      typeof input === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(input)
        ? `${options.baseUrl.replace(/\/+$/, "")}/${input.replace(/^\/+/, "")}`
        : input;
    const request = new Request(target, init) as Request & LedgerlineRequestOptions;
    if (options.headers) {
      for (const [k, v] of Object.entries(options.headers))
        if (!request.headers.has(k)) request.headers.set(k, v);
    }
    if (init?.idempotent !== undefined) request.idempotent = init.idempotent;
    if (init?.timeoutMs !== undefined) request.timeoutMs = init.timeoutMs;
    return send(request);
  };
  return Object.assign(client, {
    system,
    limiter,
    retryBudget: policy.budget,
    fetch: rawFetch,
  }) as unknown as HttpClient<Paths>;
}
