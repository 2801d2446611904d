import type {
  ApprovedTimeEntry,
  BillableExpense,
  Client,
  ExpenseLine,
  Milestone,
  Project,
  Resource,
  TimeEntry,
} from "@ledgerline/canonical";
import { currencyExponent } from "@ledgerline/canonical";
import {
  createHttpClient,
  type HttpClient,
  type HttpHooks,
  type Limiter,
  type LimiterOptions,
  type Logger,
  type RetryOptions,
  type TokenProvider,
  type Transport,
  ValidationError,
} from "@ledgerline/core";
import { type CanonicalSyncPage, readCanonical, syncCanonical } from "./canonical-reads.js";
import type { paths } from "./generated/kantata.js";
import { type SyncOptions, type SyncPage, syncPages } from "./incremental.js";
import { parseKantataError } from "./kantata-error.js";
import type { KantataEnvelope, KantataKey } from "./kantata-types.js";
import { type KantataQuery, MAX_PER_PAGE, type PageFetcher } from "./page-fetcher.js";
import { type KantataPage, type PaginateOptions, paginate } from "./paginate.js";
import type { PsaRead } from "./psa-read.js";
import {
  approvedTimeEntryStream,
  billableExpenseStream,
  clientStream,
  type ExpenseFilters,
  expenseStream,
  type MilestoneStreamOptions,
  milestoneStream,
  type ProjectStreamOptions,
  projectStream,
  resourceStream,
  type TimeEntryFilters,
  timeEntryStream,
  type WorkFilters,
} from "./streams.js";

/** Kantata OX API v1 production base URL. */
export const KANTATA_BASE_URL = "https://api.mavenlink.com/api/v1";

/** Rates and cost rates are sensitive: they never reach a log or an error message. */
export const KANTATA_SENSITIVE_FIELDS = [
  "rate_in_cents",
  "cost_rate_in_cents",
  "price_in_cents",
  "budget_estimate_in_cents",
] as const;

/** Configuration of {@link createPsaClient}. Give exactly one of `token` and `auth`. */
export interface PsaClientConfig {
  /** A Kantata OAuth 2.0 access token, sent as `Authorization: Bearer`. */
  token?: string | undefined;
  /** A token provider (refreshing, cached — see `@ledgerline/core` auth) instead of a fixed `token`. */
  auth?: TokenProvider | undefined;
  /** API root; override for a fake or a proxy. @default "https://api.mavenlink.com/api/v1" */
  baseUrl?: string | undefined;
  /** Transport (tests: a fake's `fetch`). @default globalThis.fetch */
  fetch?: Transport | undefined;
  /** Retry policy of `@ledgerline/core` (429 and 503 are retried by default), or `false`. */
  retry?: RetryOptions | false | undefined;
  /** Concurrency / rate limits of `@ledgerline/core`. */
  limits?: LimiterOptions | Limiter | undefined;
  /** Per-attempt timeout in milliseconds. @default 30000 */
  timeoutMs?: number | undefined;
  /** pino-compatible logger (redacted; silent by default). */
  logger?: Logger | undefined;
  /** Request lifecycle hooks (metrics, tracing). */
  hooks?: HttpHooks | readonly HttpHooks[] | undefined;
  /** Records per list request, 1–200. @default 200 */
  perPage?: number | undefined;
  /**
   * The firm's currency (ISO 4217, e.g. `"USD"`), for workspaces Kantata sends without `currency` — it
   * sends the financial attributes only to tokens with financial access. Without it, such a workspace is
   * read as a reject naming `currency` (code `currency_unknown`); a currency is never guessed.
   */
  defaultCurrency?: string | undefined;
}

/** Options of the canonical reads: paging plus, for `sync*`, the checkpoint. */
export type ReadOptions = Omit<PaginateOptions, "perPage">;

/** A Kantata OX client: typed HTTP, paged iterators, incremental sync, canonical reads. */
export interface PsaClient {
  /** The typed openapi-fetch client (non-2xx throws typed errors) for calls the helpers don't cover. */
  readonly http: HttpClient<paths>;
  /** Fetches one raw list page (`/time_entries.json` for `"time_entries"`). */
  readonly fetchPage: PageFetcher;
  /** Every page of a list, `results` in order, includes resolved. */
  pages<K extends KantataKey>(
    key: K,
    query?: KantataQuery,
    options?: ReadOptions,
  ): AsyncGenerator<KantataPage<K>>;
  /** Incremental pages of a list changed since `options.checkpoint` (see `SyncCheckpoint`). */
  syncPages<K extends KantataKey>(
    key: K,
    query?: KantataQuery,
    options?: SyncOptions,
  ): AsyncGenerator<SyncPage<K>>;

  /** Workspaces as canonical projects. */
  projects(options?: ProjectStreamOptions & ReadOptions): AsyncGenerator<PsaRead<Project>>;
  /** Company workspace groups as canonical clients. */
  clients(options?: ReadOptions): AsyncGenerator<PsaRead<Client>>;
  /** Users as canonical resources. */
  resources(options?: ReadOptions): AsyncGenerator<PsaRead<Resource>>;
  /** Milestone stories as canonical milestones. */
  milestones(options?: MilestoneStreamOptions & ReadOptions): AsyncGenerator<PsaRead<Milestone>>;
  /** Time entries in any approval state. */
  timeEntries(options?: TimeEntryFilters & ReadOptions): AsyncGenerator<PsaRead<TimeEntry>>;
  /** Approved time entries only (`approved=true`). */
  approvedTimeEntries(
    options?: Omit<TimeEntryFilters, "approved"> & ReadOptions,
  ): AsyncGenerator<PsaRead<ApprovedTimeEntry>>;
  /** Expenses in any approval state (approval from each expense's side-loaded expense report submission). */
  expenses(options?: ExpenseFilters & ReadOptions): AsyncGenerator<PsaRead<ExpenseLine>>;
  /**
   * Billable expenses in an approved expense report submission; every other expense comes back as a reject
   * naming why (`active_submission_id`: not approved; `is_billable`).
   */
  billableExpenses(options?: WorkFilters & ReadOptions): AsyncGenerator<PsaRead<BillableExpense>>;
  /** Time entries changed since a checkpoint, any approval state. */
  syncTimeEntries(
    options?: TimeEntryFilters & Omit<SyncOptions, "perPage">,
  ): AsyncGenerator<CanonicalSyncPage<TimeEntry>>;
  /** Expenses changed since a checkpoint, any approval state. */
  syncExpenses(
    options?: ExpenseFilters & Omit<SyncOptions, "perPage">,
  ): AsyncGenerator<CanonicalSyncPage<ExpenseLine>>;
}

const LIST_PATHS = {
  workspaces: "/workspaces.json",
  workspace_groups: "/workspace_groups.json",
  stories: "/stories.json",
  time_entries: "/time_entries.json",
  timesheet_submissions: "/timesheet_submissions.json",
  expenses: "/expenses.json",
  expense_report_submissions: "/expense_report_submissions.json",
  users: "/users.json",
  organizations: "/organizations.json",
  workspace_resources: "/workspace_resources.json",
  assignments: "/assignments.json",
  external_references: "/external_references.json",
} as const satisfies Record<KantataKey, keyof paths>;

/**
 * Creates a Kantata OX (PSA) client on `@ledgerline/core`'s HTTP stack: bearer auth, retries with backoff
 * (429 and 503 included), limits, timeouts, redacted logs, and Kantata error bodies mapped to typed errors
 * (`AuthError` for `oauth`, `BadRequestError` for `validation`, `RateLimitError` for 429 …).
 *
 * @example
 * ```ts
 * const psa = createPsaClient({ token: process.env.KANTATA_TOKEN });
 * for await (const read of psa.approvedTimeEntries({ datePerformed: { from: "2026-11-01", to: "2026-11-30" } })) {
 *   if (read.ok) console.log(read.value.key, read.value.minutes);
 *   else console.warn(read.key, read.error.issues);
 * }
 * ```
 * @throws TypeError naming the option when the configuration is invalid
 */
export function createPsaClient(config: PsaClientConfig): PsaClient {
  const auth = tokenProviderOf(config);
  const perPage = config.perPage;
  if (perPage !== undefined && (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE)) {
    throw new TypeError(`perPage must be an integer from 1 to ${MAX_PER_PAGE}, got ${String(perPage)}`);
  }
  const defaultCurrency = config.defaultCurrency;
  if (
    defaultCurrency !== undefined &&
    (typeof defaultCurrency !== "string" || currencyExponent(defaultCurrency) === undefined)
  ) {
    throw new TypeError('defaultCurrency must be an ISO 4217 currency code (e.g. "USD")');
  }
  const http = createHttpClient<paths>({
    system: "kantata",
    baseUrl: config.baseUrl ?? KANTATA_BASE_URL,
    auth,
    parseError: parseKantataError,
    sensitiveFields: KANTATA_SENSITIVE_FIELDS,
    headers: { accept: "application/json" },
    ...(config.fetch ? { fetch: config.fetch } : {}),
    ...(config.retry !== undefined ? { retry: config.retry } : {}),
    ...(config.limits ? { limits: config.limits } : {}),
    ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.logger ? { logger: config.logger } : {}),
    ...(config.hooks ? { hooks: config.hooks } : {}),
  });

  const fetchPage: PageFetcher = async (key, query, signal) => {
    // Every list endpoint shares the envelope; the per-path query type is looser than KantataQuery.
    const get = http.GET as unknown as (
      path: string,
      init: { params: { query: KantataQuery }; signal?: AbortSignal },
    ) => Promise<{ data?: KantataEnvelope }>;
    const { data } = await get(LIST_PATHS[key], { params: { query }, ...(signal ? { signal } : {}) });
    if (data === undefined) {
      throw new ValidationError(
        `Malformed Kantata response: ${LIST_PATHS[key]} answered without a body`,
        [{ path: "(root)", message: "the response has no JSON body", code: "not_an_envelope" }],
        { system: "kantata" },
      );
    }
    return data;
  };

  const read = <K extends KantataKey, T>(
    stream: Parameters<typeof readCanonical<K, T>>[1],
    options: ReadOptions = {},
  ) => readCanonical(fetchPage, stream, { ...options, perPage });
  const sync = <K extends KantataKey, T>(
    stream: Parameters<typeof syncCanonical<K, T>>[1],
    options: Omit<SyncOptions, "perPage"> = {},
  ) => syncCanonical(fetchPage, stream, { ...options, perPage });

  return {
    http,
    fetchPage,
    pages: (key, query = {}, options = {}) => paginate(fetchPage, key, query, { ...options, perPage }),
    syncPages: (key, query = {}, options = {}) => syncPages(fetchPage, key, query, { perPage, ...options }),
    projects: (options = {}) =>
      read(projectStream({ ...options, currency: options.currency ?? defaultCurrency }), options),
    clients: (options = {}) => read(clientStream(), options),
    resources: (options = {}) => read(resourceStream(), options),
    milestones: (options = {}) => read(milestoneStream(options), options),
    timeEntries: (options = {}) => read(timeEntryStream(options), options),
    approvedTimeEntries: (options = {}) => read(approvedTimeEntryStream(options), options),
    expenses: (options = {}) => read(expenseStream(options), options),
    billableExpenses: (options = {}) => read(billableExpenseStream(options), options),
    syncTimeEntries: (options = {}) => sync(timeEntryStream(options), options),
    syncExpenses: (options = {}) => sync(expenseStream(options), options),
  };
}

function tokenProviderOf(config: PsaClientConfig): TokenProvider {
  if (config === null || typeof config !== "object") throw new TypeError("config must be an object");
  if (config.token !== undefined && config.auth !== undefined) {
    throw new TypeError("token and auth are mutually exclusive: give one");
  }
  if (config.auth !== undefined) {
    if (typeof config.auth.getToken !== "function") throw new TypeError("auth must be a TokenProvider");
    return config.auth;
  }
  if (typeof config.token !== "string" || config.token.trim() === "") {
    throw new TypeError("token must be a non-empty string (or give auth: a TokenProvider)");
  }
  const token = config.token;
  // A fixed token cannot be refreshed: on 401 the request fails with AuthError.
  return { getToken: async () => token, invalidate: () => {} };
}
