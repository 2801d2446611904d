import type {
  ApprovedTimeEntry,
  BillableExpense,
  Client,
  ExpenseLine,
  InvoiceEvent,
  JournalEntry,
  Project,
  TimeEntry,
} from "@ledgerline/canonical";
import {
  type ConnectorClientOptions,
  connectorHttpOptions,
  createHttpClient,
  type HttpClient,
  isLimiterLike,
  type Ledger,
  Limiter,
  type LimiterOptions,
  type RetryOptions,
} from "@ledgerline/core";
import { createNetSuiteAuth, type NetSuiteAuth } from "./auth.js";
import type { BatchJobOptions } from "./batch.js";
import { type AccountOptions, type NetSuiteAccount, parseNetSuiteConfig, resolveAccount } from "./config.js";
import { NETSUITE_ERROR_CODES, parseNetSuiteError } from "./errors.js";
import type { paths } from "./generated/netsuite.js";
import type { NetSuiteMasterData } from "./mappers/context.js";
import { type AccountingPeriod, listAccountingPeriods } from "./operations/accounting-periods.js";
import { customerSpec } from "./operations/clients.js";
import { expenseReportSpec } from "./operations/expenses.js";
import { invoiceSpec } from "./operations/invoices.js";
import { journalEntrySpec } from "./operations/journal-entries.js";
import {
  type NetSuiteRecordResult,
  type PostingDeps,
  type PostOptions,
  type PostReport,
  postRecords,
  type RecordSpec,
} from "./operations/post-records.js";
import { type ListPostedTimeOptions, listPostedTime } from "./operations/posted-time.js";
import type { PostingPolicy } from "./operations/posting-policy.js";
import { jobSpec } from "./operations/projects.js";
import { type HeldJournalEntry, readJournalEntry } from "./operations/read-journal-entry.js";
import { timeBillSpec } from "./operations/time.js";
import { createSuiteQL, type SuiteQL } from "./suiteql.js";

/**
 * Configuration of {@link createNetSuiteClient}: the account, the options every connector shares
 * (`auth`, `limits`, `retry`, `logger`, `tracer`, `sensitiveFields`, `fetch`, `timeoutMs`, `hooks`, `baseUrl`
 * — see core's `ConnectorClientOptions`), and NetSuite's posting options. Every option is validated when the
 * client is created.
 */
export interface NetSuiteClientConfig extends AccountOptions, ConnectorClientOptions<NetSuiteAuth> {
  /** Credentials: OAuth 2.0 M2M (preferred), TBA, your own token provider, or none (fakes only). */
  auth: NetSuiteAuth;
  /**
   * Concurrency limits, or a shared `Limiter` (share one per account: NetSuite's limit is per account).
   * `maxConcurrency` is what the account (or this integration's slice of it) allows at once: Standard 5,
   * Premium 15, Enterprise/Ultimate 20, +10 per SuiteCloud Plus licence. Adaptive concurrency is on unless
   * `adaptive: false`: it learns the account's real limit from 429 `CONCURRENCY_LIMIT_EXCEEDED` (halves,
   * climbs back to just under where it was refused, probes higher rarely), so a client set above the
   * account's limit settles at it. By default it slow-starts (from 4, doubling per window of successes).
   * @default { maxConcurrency: 5, adaptive: true }
   */
  limits?: LimiterOptions | Limiter | undefined;
  /**
   * Requests the account allows at once.
   * @deprecated since 0.1: use `limits: { maxConcurrency }`; removed in the next minor release
   */
  concurrencyLimit?: number | undefined;
  /**
   * Core retry policy. A 429 `CONCURRENCY_LIMIT_EXCEEDED` is always a refusal made before any work
   * (core's `refusalVendorCodes`): retried with growing, jittered delays until `refusalMaxWaitMs` (15 min)
   * or the operation's `signal` aborts, without counting against `maxAttempts` or the retry budget.
   * @default core's (3 attempts, jittered backoff, budget)
   */
  retry?: RetryOptions | false | undefined;
  /** Per-attempt timeout in ms. NetSuite itself allows 15 minutes per request. @default 120000 */
  timeoutMs?: number | undefined;
  /** Extra fields never logged (rates are always redacted). */
  sensitiveFields?: readonly string[] | undefined;
  /** Where postings are recorded; with one, nothing is posted twice and unchanged records are skipped. */
  ledger?: Ledger | undefined;
  /** Dimension, tax, category, currency and item ids of the account. */
  masterData?: NetSuiteMasterData | undefined;
  /** Inputs longer than this (arrays) go through async batch jobs in `"auto"` mode. @default 50 */
  batchThreshold?: number | undefined;
  /** Async job polling. */
  batch?: BatchJobOptions | undefined;
  /** Posting policy for time entries (canonical `checkPostable` context per entry). */
  timePolicy?: PostingPolicy<TimeEntry> | undefined;
  /** Posting policy for expenses. */
  expensePolicy?: PostingPolicy<ExpenseLine> | undefined;
}

/** A NetSuite connector bound to one account. */
export interface NetSuiteClient {
  /** Host, realm, environment and URLs of the account. */
  readonly account: NetSuiteAccount;
  /** The typed low-level client (openapi-fetch over core: auth, retries, limits, typed errors). */
  readonly http: HttpClient<paths>;
  /** Parameterised SuiteQL with paging. */
  readonly suiteql: SuiteQL;
  /** Upserts a client as a `customer`. */
  upsertClient(client: Client): Promise<NetSuiteRecordResult>;
  /** Upserts clients. */
  upsertClients(
    clients: Iterable<Client> | AsyncIterable<Client>,
    options?: PostOptions,
  ): Promise<PostReport>;
  /** Upserts a project as a `job` under its client's customer. */
  upsertProject(project: Project): Promise<NetSuiteRecordResult>;
  /** Upserts projects. */
  upsertProjects(
    projects: Iterable<Project> | AsyncIterable<Project>,
    options?: PostOptions,
  ): Promise<PostReport>;
  /** Posts one approved time entry as a `timeBill`. Unapproved entries are rejected, never posted. */
  postTimeEntry(entry: ApprovedTimeEntry | TimeEntry): Promise<NetSuiteRecordResult>;
  /** Posts approved time entries (async batch jobs above `batchThreshold`). */
  postTime(
    entries: Iterable<ApprovedTimeEntry | TimeEntry> | AsyncIterable<ApprovedTimeEntry | TimeEntry>,
    options?: PostOptions,
  ): Promise<PostReport>;
  /** Posts approved billable expenses, one `expenseReport` each. */
  postExpenses(
    expenses: Iterable<BillableExpense> | AsyncIterable<BillableExpense>,
    options?: PostOptions,
  ): Promise<PostReport>;
  /** Raises (upserts) the invoice of a `ready` invoice event. */
  upsertInvoice(event: InvoiceEvent): Promise<NetSuiteRecordResult>;
  /** Raises invoices. */
  upsertInvoices(
    events: Iterable<InvoiceEvent> | AsyncIterable<InvoiceEvent>,
    options?: PostOptions,
  ): Promise<PostReport>;
  /**
   * Upserts a balanced journal entry by external id (`replace=line`: an adjusted entry replaces its lines).
   * NetSuite refuses an entry in a closed period; the refusal is a `rejected` result naming the field.
   */
  upsertJournalEntry(entry: JournalEntry): Promise<NetSuiteRecordResult>;
  /** Upserts journal entries. */
  upsertJournalEntries(
    entries: Iterable<JournalEntry> | AsyncIterable<JournalEntry>,
    options?: PostOptions,
  ): Promise<PostReport>;
  /** The account's accounting periods with whether each is closed, in start-date order. */
  listAccountingPeriods(): Promise<AccountingPeriod[]>;
  /** The journal entry NetSuite holds under an external id (lines with account codes), or `undefined`. */
  readJournalEntry(externalId: string): Promise<HeldJournalEntry | undefined>;
  /** Posted time in a date range as canonical time entries, for reconciliation. */
  listPostedTime(options: ListPostedTimeOptions): AsyncIterable<TimeEntry>;
  /** The account's governance figures (administrators only). */
  governanceLimits(): Promise<
    paths["/system/v1/governanceLimits"]["get"]["responses"][200]["content"]["application/json"]
  >;
}

/**
 * Creates a NetSuite connector for one account on `@ledgerline/core`: the REST root from the account id
 * (sandbox `123456_SB1` → `https://123456-sb1.suitetalk.api.netsuite.com/services/rest`), OAuth 2.0 M2M or
 * TBA, NetSuite error bodies parsed into core's typed errors (`vendorCode` = `o:errorCode`, `path` =
 * `o:errorPath`), 429 `CONCURRENCY_LIMIT_EXCEEDED` retried with adaptive concurrency seeded from
 * `limits.maxConcurrency`, and the canonical operations (external-id upserts through the ledger).
 * @example
 * const netsuite = createNetSuiteClient({
 *   accountId: "123456_SB1",
 *   auth: { type: "oauth2-m2m", clientId, certificateId, privateKey: readFileSync("key.pem", "utf8") },
 *   limits: { maxConcurrency: 15 },
 *   ledger: await FileLedger.open(".ledgerline/netsuite.jsonl"),
 * });
 * const report = await netsuite.postTime(approvedEntries);
 * @throws TypeError naming the option path (e.g. `auth.privateKey`) and the reason, never the value, when
 * the configuration is invalid — a garbage private key fails here, not on the first request
 */
export function createNetSuiteClient(config: NetSuiteClientConfig): NetSuiteClient {
  parseNetSuiteConfig(config, "createNetSuiteClient");
  const account = resolveAccount(config);
  const limiter = isLimiterLike(config.limits)
    ? (config.limits as Limiter)
    : new Limiter({
        maxConcurrency: config.concurrencyLimit ?? 5,
        // Learn the account's limit, starting small: a client set above it meets it without a burst.
        adaptive: { slowStart: true },
        ...(config.limits as LimiterOptions | undefined),
      });
  const concurrency = limiter.maxConcurrency;
  const batchThreshold = config.batchThreshold ?? 50;
  const auth = createNetSuiteAuth(config.auth, account, config.fetch);
  const retry: RetryOptions | false =
    config.retry === false
      ? false
      : {
          ...config.retry,
          // Refused before any work: retried until the run's deadline, not as a failed attempt.
          refusalVendorCodes: [
            NETSUITE_ERROR_CODES.concurrencyLimitExceeded,
            ...(config.retry?.refusalVendorCodes ?? []),
          ],
        };
  const http = createHttpClient<paths>({
    ...connectorHttpOptions(config, {
      timeoutMs: 120_000,
      sensitiveFields: ["rate", "price", "billRate", "costRate"],
    }),
    system: "netsuite",
    baseUrl: account.baseUrl,
    ...(auth ? { auth } : {}),
    retry,
    limits: limiter,
    parseError: parseNetSuiteError,
    headers: { Accept: "application/json" },
  });
  const suiteql = createSuiteQL(http);
  const masterData = config.masterData ?? {};
  const deps: PostingDeps = {
    http,
    suiteql,
    ledger: config.ledger,
    masterData,
    concurrency,
    batchThreshold,
    batch: config.batch ?? {},
  };
  const timeSpec = timeBillSpec(config.timePolicy);
  const expenseSpec = expenseReportSpec(config.expensePolicy);

  const one = async <T>(spec: RecordSpec<T>, record: T): Promise<NetSuiteRecordResult> => {
    const report = await postRecords(deps, spec, [record], { mode: "single" });
    const result = report.results[0];
    if (!result) throw new Error("internal: a single post produced no result");
    return result;
  };

  return {
    account,
    http,
    suiteql,
    upsertClient: (client) => one(customerSpec, client),
    upsertClients: (clients, options) => postRecords(deps, customerSpec, clients, options),
    upsertProject: (project) => one(jobSpec, project),
    upsertProjects: (projects, options) => postRecords(deps, jobSpec, projects, options),
    postTimeEntry: (entry) => one(timeSpec, entry),
    postTime: (entries, options) => postRecords(deps, timeSpec, entries, options),
    postExpenses: (expenses, options) => postRecords(deps, expenseSpec, expenses, options),
    upsertInvoice: (event) => one(invoiceSpec, event),
    upsertInvoices: (events, options) => postRecords(deps, invoiceSpec, events, options),
    upsertJournalEntry: (entry) => one(journalEntrySpec, entry),
    upsertJournalEntries: (entries, options) => postRecords(deps, journalEntrySpec, entries, options),
    listAccountingPeriods: () => listAccountingPeriods(suiteql),
    readJournalEntry: (externalId) => readJournalEntry(http, masterData, externalId),
    listPostedTime: (options) => listPostedTime(suiteql, masterData, options),
    async governanceLimits() {
      const { data } = await http.GET("/system/v1/governanceLimits");
      if (!data) throw new TypeError("governanceLimits: the response had no body");
      return data;
    },
  };
}
