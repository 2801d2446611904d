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
  type ConnectorClientOptions,
  connectorHttpOptions,
  connectorOptionsShape,
  createHttpClient,
  type HttpClient,
  integerBetween,
  nonEmptyString,
  optionsObject,
  parseOptions,
  type TokenProvider,
  ValidationError,
  withMethods,
} from "@ledgerline/core";
import { z } from "zod";
import { type CanonicalSyncPage, readCanonical, syncCanonical } from "./canonical-reads.js";
import type { paths } from "./generated/kantata.js";
import { type SyncOptions, type SyncPage, syncPages } from "./incremental.js";
import { parseKantataError } from "./kantata-error.js";
import type { KantataEnvelope, KantataExternalReference, KantataKey } from "./kantata-types.js";
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
import { type PsaWrites, psaWrites } from "./workspace-writes.js";

/** Kantata OX API v1 production base URL. */
export const KANTATA_BASE_URL = "https://api.mavenlink.com/api/v1";

/** Rates and cost rates are sensitive: they never reach a log or an error message. */
export const KANTATA_SENSITIVE_FIELDS = [
  "rate_in_cents",
  "cost_rate_in_cents",
  "price_in_cents",
  "budget_estimate_in_cents",
] as const;

/** Kantata credentials: a fixed OAuth 2.0 access token, or a `TokenProvider` (refreshing, cached). */
export type PsaAuth = string | TokenProvider;

/**
 * Configuration of {@link createPsaClient}: the options every connector shares (`auth`, `limits`, `retry`,
 * `logger`, `tracer`, `sensitiveFields`, `fetch`, `timeoutMs`, `hooks`, `baseUrl` — see core's
 * `ConnectorClientOptions`) plus `perPage`. Every option is validated when the client is created.
 */
export interface PsaClientConfig extends ConnectorClientOptions<PsaAuth> {
  /**
   * A Kantata OAuth 2.0 access token (sent as `Authorization: Bearer`; a fixed token cannot be refreshed,
   * so a 401 fails with `AuthError`), or a `TokenProvider` from `@ledgerline/core` (e.g.
   * `refreshTokenProvider`): cached, refreshed single-flight, refreshed once on a 401.
   */
  auth?: PsaAuth | undefined;
  /**
   * A fixed access token.
   * @deprecated since 0.1: pass the token as `auth`; removed in the next minor release
   */
  token?: string | undefined;
  /** API root; override for a fake or a proxy. @default "https://api.mavenlink.com/api/v1" */
  baseUrl?: string | undefined;
  /** Extra fields never logged; Kantata's rates (`KANTATA_SENSITIVE_FIELDS`) always are. */
  sensitiveFields?: readonly string[] | undefined;
  /** Per-attempt timeout in milliseconds. @default 30000 */
  timeoutMs?: number | undefined;
  /** Records per list request, 1–200. @default 200 */
  perPage?: number | undefined;
  /**
   * The firm's currency (ISO 4217, e.g. `"USD"`), for workspaces Kantata sends without `currency` — it
   * sends the financial attributes only to tokens with financial access. Without it, such a workspace is
   * read as a reject naming `currency` (code `currency_unknown`); a currency is never guessed.
   */
  defaultCurrency?: string | undefined;
}

const psaConfigSchema = optionsObject({
  ...connectorOptionsShape,
  auth: z
    .union(
      [
        nonEmptyString.refine((v) => v.trim() !== "", "must not be blank"),
        withMethods<TokenProvider>(["getToken", "invalidate"], "a TokenProvider"),
      ],
      { error: "must be an access token (a non-empty string) or a TokenProvider (getToken(), invalidate())" },
    )
    .optional(),
  token: nonEmptyString.refine((v) => v.trim() !== "", "must not be blank").optional(),
  perPage: integerBetween(1, MAX_PER_PAGE).optional(),
  defaultCurrency: z
    .string()
    .refine((c) => currencyExponent(c) !== undefined, 'must be an ISO 4217 currency code (e.g. "USD")')
    .optional(),
})
  .refine((c) => c.auth !== undefined || c.token !== undefined, {
    path: ["auth"],
    message: "is required: an access token or a TokenProvider",
  })
  .refine((c) => c.auth === undefined || c.token === undefined, {
    path: ["token"],
    message: "is deprecated and cannot be combined with auth: give auth only",
  });

/** Options of the canonical reads: paging plus, for `sync*`, the checkpoint. */
export type ReadOptions = Omit<PaginateOptions, "perPage">;

/** A Kantata OX client: typed HTTP, paged iterators, incremental sync, canonical reads, workspace writes. */
export interface PsaClient extends PsaWrites {
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
 * const psa = createPsaClient({ auth: process.env.KANTATA_TOKEN });
 * for await (const read of psa.approvedTimeEntries({ datePerformed: { from: "2026-11-01", to: "2026-11-30" } })) {
 *   if (read.ok) console.log(read.value.key, read.value.minutes);
 *   else console.warn(read.key, read.error.issues);
 * }
 * ```
 * @throws TypeError naming the option path and the reason (never the value) when the configuration is invalid
 */
export function createPsaClient(config: PsaClientConfig): PsaClient {
  parseOptions(psaConfigSchema, config, "createPsaClient");
  const auth = tokenProviderOf(config.auth ?? config.token ?? "");
  const perPage = config.perPage;
  const defaultCurrency = config.defaultCurrency;
  const http = createHttpClient<paths>({
    ...connectorHttpOptions(config, { sensitiveFields: KANTATA_SENSITIVE_FIELDS }),
    system: "kantata",
    baseUrl: config.baseUrl ?? KANTATA_BASE_URL,
    auth,
    parseError: parseKantataError,
    headers: { accept: "application/json" },
    ...(config.limits ? { limits: config.limits } : {}),
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
    ...psaWrites(http, fetchPage, perPage),
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

function tokenProviderOf(auth: PsaAuth): TokenProvider {
  if (typeof auth !== "string") return auth;
  // A fixed token cannot be refreshed: on 401 the request fails with AuthError.
  return { getToken: async () => auth, invalidate: () => {} };
}
