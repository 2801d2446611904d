import type { HttpHooks } from "./hooks.js";
import type { HttpClientOptions, Transport } from "./http-client.js";
import type { Limiter, LimiterOptions } from "./limiter.js";
import type { Logger } from "./logger.js";
import {
  hooksOption,
  httpUrl,
  limitsOption,
  loggerOption,
  retryOption,
  sensitiveFieldsOption,
  timeoutMsOption,
  tracerOption,
  transportOption,
} from "./options.js";
import type { TracerLike } from "./otel.js";
import type { RetryOptions } from "./retry.js";

/**
 * The options every connector client factory takes under the same names (`createNetSuiteClient`,
 * `createPsaClient`, and the Salesforce and Workday connectors to come). `Auth` is the connector's own
 * credential shape; everything else means the same in every connector and is handed to core's
 * `createHttpClient` by {@link connectorHttpOptions}.
 */
export interface ConnectorClientOptions<Auth> {
  /** Credentials, in the connector's own shape (see its README). Never logged. */
  auth?: Auth | undefined;
  /** Concurrency / rate limits, or a shared `Limiter` (share one per vendor account). Connector defaults differ. */
  limits?: LimiterOptions | Limiter | undefined;
  /** Retry policy of core, or `false` for no retries. @default core's (3 attempts, jittered backoff, budget) */
  retry?: RetryOptions | false | undefined;
  /** pino-compatible logger; silent by default. Everything written to it is redacted. */
  logger?: Logger | undefined;
  /** OpenTelemetry tracer (`trace.getTracer(name)`); each request gets a CLIENT span. */
  tracer?: TracerLike | undefined;
  /** Extra field paths whose values never reach a log or an error (the connector adds the vendor's rates). */
  sensitiveFields?: readonly string[] | undefined;
  /** Transport (an undici fetch, or a fake's `fetch`). @default globalThis.fetch */
  fetch?: Transport | undefined;
  /** Per-attempt timeout in milliseconds; `0` = none. Connector defaults differ. */
  timeoutMs?: number | undefined;
  /** Request lifecycle hooks (metrics, tracing). */
  hooks?: HttpHooks | readonly HttpHooks[] | undefined;
  /** API root; override for a fake or a proxy. Connector defaults differ. */
  baseUrl?: string | undefined;
}

/**
 * The zod shape of {@link ConnectorClientOptions} minus `auth` (each connector adds its own `auth` schema):
 * spread it into a connector's options schema so every connector validates the shared options alike.
 * @example
 * const schema = optionsObject({ ...connectorOptionsShape, auth: myAuthSchema, perPage: integerBetween(1, 200).optional() });
 */
export const connectorOptionsShape = {
  limits: limitsOption.optional(),
  retry: retryOption.optional(),
  logger: loggerOption.optional(),
  tracer: tracerOption.optional(),
  sensitiveFields: sensitiveFieldsOption.optional(),
  fetch: transportOption.optional(),
  timeoutMs: timeoutMsOption.optional(),
  hooks: hooksOption.optional(),
  baseUrl: httpUrl.optional(),
} as const;

/**
 * Turns a connector's {@link ConnectorClientOptions} into `createHttpClient` options: copies the shared
 * options that are set, applies the connector's `defaults` (e.g. its `timeoutMs`), and appends the
 * connector's always-sensitive fields to the caller's `sensitiveFields`. `auth`, `baseUrl` and `limits`
 * are left to the connector (they need vendor knowledge), unless given in `defaults`.
 * @example
 * createHttpClient<paths>({
 *   ...connectorHttpOptions(config, { timeoutMs: 120_000, sensitiveFields: ["rate"] }),
 *   system: "netsuite", baseUrl, auth, limits,
 * });
 */
export function connectorHttpOptions<Auth>(
  options: ConnectorClientOptions<Auth>,
  defaults: { timeoutMs?: number; sensitiveFields?: readonly string[] } = {},
): Pick<
  HttpClientOptions,
  "fetch" | "retry" | "timeoutMs" | "logger" | "tracer" | "hooks" | "sensitiveFields"
> {
  const out: Pick<
    HttpClientOptions,
    "fetch" | "retry" | "timeoutMs" | "logger" | "tracer" | "hooks" | "sensitiveFields"
  > = {};
  if (options.fetch !== undefined) out.fetch = options.fetch;
  if (options.retry !== undefined) out.retry = options.retry;
  const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
  if (timeoutMs !== undefined) out.timeoutMs = timeoutMs;
  if (options.logger !== undefined) out.logger = options.logger;
  if (options.tracer !== undefined) out.tracer = options.tracer;
  if (options.hooks !== undefined) out.hooks = options.hooks;
  const sensitive = [...(defaults.sensitiveFields ?? []), ...(options.sensitiveFields ?? [])];
  if (sensitive.length > 0) out.sensitiveFields = sensitive;
  return out;
}
