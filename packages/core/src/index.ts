/** Name of this package, as published to npm. */
export const PACKAGE_NAME = "@ledgerline/core";

export { AdaptiveConcurrency, type AdaptiveConcurrencyOptions } from "./adaptive-concurrency.js";
export {
  JWT_ALGORITHMS,
  type JwtAlgorithm,
  privateKeyProblem,
  type SignJwtOptions,
  signJwt,
  type VerifiedJwt,
  verifyJwt,
} from "./auth/jwt.js";
export { type JwtBearerOptions, jwtBearerProvider } from "./auth/jwt-bearer.js";
export {
  baseStringUri,
  type OAuth1Options,
  type OAuth1SignatureMethod,
  oauth1Header,
  oauth1Signature,
  oauth1Signer,
  percentEncode,
  signatureBaseString,
} from "./auth/oauth1.js";
export {
  type ClientCredentialsOptions,
  clientCredentialsProvider,
  type RefreshTokenOptions,
  refreshTokenProvider,
} from "./auth/oauth2.js";
export {
  cachedTokenProvider,
  type IssuedToken,
  type RequestSigner,
  type SignableRequest,
  type TokenCacheOptions,
  type TokenProvider,
} from "./auth/token-provider.js";
export {
  basicAuthHeader,
  type ClientAuthMethod,
  requestToken,
  type TokenEndpointOptions,
  type TokenResponse,
} from "./auth/token-request.js";
// Idempotency, ledger, batch runner (issue 4)
export {
  type BatchContext,
  type BatchHandler,
  type BatchIssue,
  type BatchOptions,
  type BatchOutcome,
  type BatchProgress,
  type BatchReport,
  type BatchResult,
  runBatch,
} from "./batch.js";
export {
  type ConnectorClientOptions,
  connectorHttpOptions,
  connectorOptionsShape,
} from "./connector-options.js";
export {
  CONTENT_HASH_VERSION,
  type ContentHashOptions,
  canonicalJson,
  contentHash,
  contentHashVersion,
} from "./content-hash.js";
export { isLegacyContentHash, legacyContentHash } from "./content-hash-v1.js";
export {
  type CorrelationContext,
  currentCorrelation,
  currentCorrelationId,
  formatTraceparent,
  isValidTraceparent,
  withCorrelation,
} from "./correlation.js";
export {
  Crosswalk,
  type CrosswalkKind,
  type CrosswalkLink,
  type CrosswalkLinkResult,
  type CrosswalkSystem,
} from "./crosswalk.js";
export {
  AbortedError,
  AuthError,
  BadRequestError,
  ConflictError,
  HttpError,
  type HttpErrorOptions,
  isLedgerlineError,
  isRetryable,
  LedgerlineError,
  type LedgerlineErrorCode,
  type LedgerlineErrorOptions,
  NetworkError,
  NotFoundError,
  RateLimitError,
  type RequestErrorOptions,
  TimeoutError,
  ValidationError,
  type ValidationIssue,
} from "./errors.js";
export { type FieldPresence, FieldReader } from "./field-reader.js";
export {
  FileLedger,
  type FileLedgerOptions,
  type FileLedgerRecovery,
  LedgerCorruptionError,
} from "./file-ledger.js";
export {
  acquireLock,
  type HeldLock,
  LockHeldError,
  type LockHolder,
  LockLostError,
  type LockOptions,
  MIN_LOCK_STALE_MS,
} from "./file-lock.js";
export {
  combineHooks,
  type HttpHooks,
  type RateLimitedEvent,
  type RequestEndEvent,
  type RequestEventBase,
  type RequestStartEvent,
  type RetryEvent,
} from "./hooks.js";
export {
  createHttpClient,
  type HttpClient,
  type HttpClientMethod,
  type HttpClientOptions,
  type HttpResult,
  type HttpSuccessData,
  type LedgerlineRequestOptions,
  type Transport,
} from "./http-client.js";
export { type IdempotencyKeyInput, type IdempotencyKeyOptions, idempotencyKey } from "./idempotency-key.js";
export { type IdempotentUpsertOptions, idempotentUpsert, type UpsertResult } from "./idempotent-upsert.js";
export type { Ledger, LedgerEntry } from "./ledger.js";
export { Limiter, type LimiterOptions } from "./limiter.js";
export {
  createJsonLogger,
  type JsonLoggerOptions,
  type LogFn,
  type Logger,
  type LogLevel,
  redactingLogger,
  silentLogger,
} from "./logger.js";
export { MemoryLedger } from "./memory-ledger.js";
export {
  fnOption,
  hooksOption,
  httpAuthOption,
  httpUrl,
  integerBetween,
  isLimiterLike,
  ledgerOption,
  limiterOptionsSchema,
  limitsOption,
  loggerOption,
  nonEmptyString,
  numberAtLeast,
  oneOf,
  optionsError,
  optionsObject,
  parseOptions,
  retryOption,
  sensitiveFieldsOption,
  stringList,
  timeoutMsOption,
  tracerOption,
  transportOption,
  withMethods,
} from "./options.js";
export type { SpanContextLike, SpanLike, TracerLike } from "./otel.js";
export { type ReadAheadOptions, readAhead } from "./read-ahead.js";
export {
  createRedactor,
  isSecretKey,
  REDACTED,
  type Redactor,
  type RedactorOptions,
  redact,
} from "./redact.js";
export {
  DEFAULT_RETRYABLE_STATUSES,
  parseRetryAfter,
  type RetryDecisionContext,
  type RetryOptions,
  SAFE_METHODS,
  sleep,
} from "./retry.js";
export { RetryBudget, type RetryBudgetOptions } from "./retry-budget.js";
export {
  createHttpError,
  type ParsedVendorError,
  type ParseErrorHook,
  parseCommonErrorBody,
  type VendorErrorKind,
} from "./vendor-error.js";
