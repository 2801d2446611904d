import {
  type ConnectorClientOptions,
  clientCredentialsProvider,
  connectorHttpOptions,
  connectorOptionsShape,
  createHttpClient,
  type HttpClient,
  httpUrl,
  integerBetween,
  jwtBearerProvider,
  type Ledger,
  LedgerlineError,
  ledgerOption,
  nonEmptyString,
  optionsObject,
  parseOptions,
  type RetryOptions,
  readAhead,
  refreshTokenProvider,
  sleep,
  type TokenProvider,
  type Transport,
  withMethods,
} from "@ledgerline/core";
import { parse as parseCsv } from "csv-parse/sync";
import { z } from "zod";
import { ApiBudget, type ApiUsage } from "./budget.js";
import { NON_RETRYABLE_CODES, parseSalesforceError, SALESFORCE_ERROR_CODES } from "./errors.js";
import type { components, paths } from "./generated/salesforce.js";
import {
  type BulkOptions,
  type UpsertOptions,
  type UpsertReport,
  upsertRecords,
} from "./operations/upsert-records.js";
import type { SoqlStatement } from "./soql.js";

/** API release used when `apiVersion` is not given (Winter '27, the current release). */
export const DEFAULT_API_VERSION = "68.0";

/** Credentials of {@link createSalesforceClient}. Secrets are never logged. */
export type SalesforceAuth =
  | {
      /** OAuth 2.0 JWT bearer flow: RS256 assertion signed with the connected app's key, `exp` ≤ 3 min. */
      type: "jwt-bearer";
      /** Consumer key of the connected / external client app (`iss`). */
      clientId: string;
      /** Salesforce username the integration runs as (`sub`). */
      username: string;
      /** PEM RSA private key (≥ 2048 bits). */
      privateKey: string;
      /** `aud` and token host: `https://login.salesforce.com`, `https://test.salesforce.com` or the My Domain. @default instanceUrl */
      loginUrl?: string | undefined;
    }
  | {
      /** OAuth 2.0 client credentials flow (runs as the app's "Run As" user); My Domain token endpoint. */
      type: "client-credentials";
      clientId: string;
      clientSecret: string;
    }
  | {
      /** OAuth 2.0 refresh-token grant. */
      type: "refresh-token";
      clientId: string;
      clientSecret?: string | undefined;
      refreshToken: string;
      loginUrl?: string | undefined;
    }
  /** Your own token provider (its token must be valid for `instanceUrl`). */
  | TokenProvider;

/** Configuration of {@link createSalesforceClient}; every option is validated at creation. */
export interface SalesforceClientConfig extends ConnectorClientOptions<SalesforceAuth> {
  /** The org's My Domain URL (`https://acme.my.salesforce.com`). The token response's `instance_url` replaces it. */
  instanceUrl: string;
  /** Credentials. */
  auth: SalesforceAuth;
  /** API release, e.g. `"66.0"`. @default {@link DEFAULT_API_VERSION} */
  apiVersion?: string | undefined;
  /**
   * Share (0–1] of the org's daily API allocation at which the client stops sending, with
   * `SalesforceBudgetError`, so an integration never eats the org's whole day. @default 0.9
   */
  apiBudgetShare?: number | undefined;
  /** Where writes are recorded: with one, unchanged records are skipped and nothing is written twice. */
  ledger?: Ledger | undefined;
  /** Bulk API 2.0 in `upsertRecords`: threshold (default 2,000 records), poll interval, timeout. */
  bulk?: BulkOptions | undefined;
}

const authSchema = z.union(
  [
    optionsObject({
      type: z.literal("jwt-bearer"),
      clientId: nonEmptyString,
      username: nonEmptyString,
      privateKey: nonEmptyString,
      loginUrl: httpUrl.optional(),
    }),
    optionsObject({
      type: z.literal("client-credentials"),
      clientId: nonEmptyString,
      clientSecret: nonEmptyString,
    }),
    optionsObject({
      type: z.literal("refresh-token"),
      clientId: nonEmptyString,
      clientSecret: nonEmptyString.optional(),
      refreshToken: nonEmptyString,
      loginUrl: httpUrl.optional(),
    }),
    withMethods<TokenProvider>(["getToken", "invalidate"], "a TokenProvider"),
  ],
  { error: "must be jwt-bearer, client-credentials or refresh-token credentials, or a TokenProvider" },
);

const configSchema = optionsObject({
  ...connectorOptionsShape,
  instanceUrl: httpUrl,
  auth: authSchema,
  apiVersion: z
    .string({ error: "must be a string" })
    .regex(/^[0-9]{2}\.0$/, { error: 'must be a release such as "66.0"' })
    .optional(),
  apiBudgetShare: z
    .number({ error: "must be a number" })
    .gt(0, { error: "must be above 0" })
    .lte(1, { error: "must be at most 1" })
    .optional(),
  ledger: ledgerOption.optional(),
  bulk: optionsObject({
    threshold: integerBetween(1).optional(),
    pollIntervalMs: integerBetween(0).optional(),
    timeoutMs: integerBetween(1).optional(),
  }).optional(),
});

/** A Salesforce record as the REST API returns it. */
export type SObjectRecord = components["schemas"]["SObjectRecord"];
/** One page of a SOQL query. */
export type QueryResult = components["schemas"]["QueryResult"];

/** A Salesforce connector bound to one org. */
export interface SalesforceClient {
  /** The typed low-level client (openapi-fetch over core: auth, retries, limits, typed errors). */
  readonly http: HttpClient<paths>;
  /** API release in use, e.g. `"66.0"`. */
  readonly apiVersion: string;
  /** The org's daily API usage as last reported by `Sforce-Limit-Info`. */
  readonly apiUsage: ApiUsage | undefined;
  /**
   * Forgets the last reported usage, so the budget guard lets requests through again (after the org's
   * rolling 24-hour window freed calls; the next answer reports the usage anew).
   */
  resetApiBudget(): void;
  /** The URL requests currently go to (`instance_url` once a token was issued). */
  readonly instanceUrl: string;
  /** Every page of a SOQL query, following `nextRecordsUrl` until `done`, the next page fetched while the caller works on the current one. */
  queryPages(
    statement: SoqlStatement,
    options?: { all?: boolean; batchSize?: number },
  ): AsyncGenerator<QueryResult>;
  /**
   * Every row of a SOQL query run as a Bulk API 2.0 query job (for large extracts): creates the job, polls
   * it every `bulk.pollIntervalMs`, then reads the CSV pages following `Sforce-Locator`. Rows are field
   * name → text (CSV has no types; an empty cell is `""`). No relationship subqueries.
   */
  bulkQuery(
    statement: SoqlStatement,
    options?: { all?: boolean; maxRecords?: number },
  ): AsyncGenerator<Record<string, string>>;
  /** Every record of a SOQL query, page by page. */
  query<T extends SObjectRecord = SObjectRecord>(
    statement: SoqlStatement,
    options?: { all?: boolean; batchSize?: number },
  ): AsyncGenerator<T>;
  /**
   * Upserts records by an external-id field, choosing the transport by count: one call for a single record,
   * sObject Collections in chunks of 200, a Bulk API 2.0 job above `bulk.threshold` (default 2,000); one
   * result per input record, through the ledger when one is configured.
   */
  upsertRecords(
    object: string,
    extIdField: string,
    records: readonly Record<string, unknown>[],
    options?: UpsertOptions,
  ): Promise<UpsertReport>;
  /**
   * Sends up to 25 dependent subrequests as one `POST /composite` (one API call); a later subrequest refers
   * to an earlier answer as `@{referenceId.field}`. Answers come back in order, each with its status; a
   * failed subrequest does not throw (check `httpStatusCode`).
   * @throws TypeError when there are 0 or more than 25 subrequests
   */
  composite(
    subrequests: readonly CompositeSubrequest[],
    options?: { allOrNone?: boolean },
  ): Promise<CompositeAnswer[]>;
  /**
   * Writes the project and engagement ids back to their Opportunities, matched by external id (field names
   * configurable). An Opportunity that does not exist is not created: Salesforce refuses it
   * (`REQUIRED_FIELD_MISSING`: Name, StageName, CloseDate) and the link is reported `rejected`.
   */
  writeBack(links: readonly OpportunityLink[], options?: WriteBackOptions): Promise<UpsertReport>;
  /**
   * Updates fields of one record by its Salesforce id (`PATCH /sobjects/{object}/{id}`, 204), e.g. the
   * NetSuite and Kantata ids written back to an Opportunity that carries no external id yet. Safe to
   * repeat (sets the same values). Throws core's typed errors (`NOT_FOUND`, `INVALID_FIELD` …).
   */
  updateRecord(object: string, id: string, fields: Record<string, unknown>): Promise<void>;
}

/** One subrequest of {@link SalesforceClient.composite}. */
export interface CompositeSubrequest {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Instance-relative URL, e.g. `/services/data/v66.0/sobjects/Account`; may contain `@{ref.field}`. */
  url: string;
  referenceId: string;
  body?: unknown;
}

/** One answer of {@link SalesforceClient.composite}. */
export interface CompositeAnswer {
  referenceId: string;
  httpStatusCode: number;
  httpHeaders: Record<string, string>;
  body: unknown;
}

/** Ids to write back to one Opportunity. */
export interface OpportunityLink {
  /** The Opportunity's external id value (e.g. its Ledgerline key). */
  opportunityKey: string;
  projectId?: string | undefined;
  engagementId?: string | undefined;
}

/** Field names of {@link SalesforceClient.writeBack}. */
export interface WriteBackOptions {
  /** @default "Ledgerline_Key__c" */
  extIdField?: string | undefined;
  /** @default "Project_Id__c" */
  projectField?: string | undefined;
  /** @default "Engagement_Id__c" */
  engagementField?: string | undefined;
}

function tokenProvider(
  auth: SalesforceAuth,
  instanceUrl: string,
  transport: Transport,
  onInstance: (url: string) => void,
): TokenProvider {
  if ("getToken" in auth) return auth;
  // Reads `instance_url` from every token answer, so requests follow the org wherever it lives.
  const fetch: Transport = async (request) => {
    const response = await transport(request);
    if (response.ok) {
      try {
        const body = (await response.clone().json()) as { instance_url?: unknown };
        if (typeof body.instance_url === "string" && /^https?:\/\//.test(body.instance_url)) {
          onInstance(body.instance_url);
        }
      } catch {
        // core reports the unreadable body
      }
    }
    return response;
  };
  const host = (url: string | undefined) => (url ?? instanceUrl).replace(/\/+$/, "");
  switch (auth.type) {
    case "jwt-bearer":
      return jwtBearerProvider({
        mode: "jwt-bearer-grant",
        tokenUrl: `${host(auth.loginUrl)}/services/oauth2/token`,
        audience: host(auth.loginUrl),
        algorithm: "RS256",
        privateKey: auth.privateKey,
        issuer: auth.clientId,
        subject: auth.username,
        assertionLifetimeSec: 180,
        fetch,
      });
    case "client-credentials":
      return clientCredentialsProvider({
        tokenUrl: `${host(undefined)}/services/oauth2/token`,
        clientId: auth.clientId,
        clientSecret: auth.clientSecret,
        fetch,
      });
    case "refresh-token":
      return refreshTokenProvider({
        tokenUrl: `${host(auth.loginUrl)}/services/oauth2/token`,
        clientId: auth.clientId,
        ...(auth.clientSecret ? { clientSecret: auth.clientSecret } : {}),
        refreshToken: auth.refreshToken,
        fetch,
      });
  }
}

/**
 * Creates a Salesforce connector for one org on `@ledgerline/core`: JWT bearer, client credentials or
 * refresh-token auth (Salesforce sends no `expires_in`, so a 401 `INVALID_SESSION_ID` refreshes the token
 * once and resends), requests sent to the token's `instance_url`, `UNABLE_TO_LOCK_ROW` / 420 / 503 /
 * network errors retried with backoff, `REQUEST_LIMIT_EXCEEDED` and validation errors never, and a daily
 * API budget guard fed by `Sforce-Limit-Info` (default: stop at 90 % of the allocation).
 * @example
 * const sf = createSalesforceClient({
 *   instanceUrl: "https://acme.my.salesforce.com",
 *   auth: { type: "client-credentials", clientId, clientSecret },
 * });
 * const report = await sf.upsertRecords("Account", "Ledgerline_Key__c", accounts);
 * @throws TypeError naming the option path and the reason (never the value) when the configuration is invalid
 */
export function createSalesforceClient(config: SalesforceClientConfig): SalesforceClient {
  parseOptions(configSchema, config, "createSalesforceClient");
  const apiVersion = config.apiVersion ?? DEFAULT_API_VERSION;
  const configured = (config.baseUrl ?? config.instanceUrl).replace(/\/+$/, "");
  let current = configured;
  const budget = new ApiBudget(config.apiBudgetShare ?? 0.9);
  const base: Transport = config.fetch ?? ((r) => globalThis.fetch(r));
  const transport: Transport = async (request) => {
    budget.check();
    let outgoing = request;
    if (current !== configured && request.url.startsWith(configured)) {
      outgoing = new Request(current + request.url.slice(configured.length), request);
    }
    const response = await base(outgoing);
    budget.observe(response.headers.get("sforce-limit-info"));
    return response;
  };
  const auth = tokenProvider(config.auth, configured, base, (url) => {
    current = url.replace(/\/+$/, "");
  });
  const retry: RetryOptions | false =
    config.retry === false
      ? false
      : {
          ...config.retry,
          retryableStatuses: [420, 500, 502, 503, 504, ...(config.retry?.retryableStatuses ?? [])],
          retryableVendorCodes: [
            SALESFORCE_ERROR_CODES.unableToLockRow,
            ...(config.retry?.retryableVendorCodes ?? []),
          ],
          nonRetryableVendorCodes: [...NON_RETRYABLE_CODES, ...(config.retry?.nonRetryableVendorCodes ?? [])],
        };
  const http = createHttpClient<paths>({
    ...connectorHttpOptions({ ...config, fetch: transport }, { timeoutMs: 120_000 }),
    system: "salesforce",
    baseUrl: configured,
    auth,
    retry,
    ...(config.limits ? { limits: config.limits } : { limits: { maxConcurrency: 10 } }),
    parseError: parseSalesforceError,
    headers: { Accept: "application/json" },
  });

  // The next page is on the wire while the caller works on the current one (one page ahead, bounded).
  const queryPages = (statement: SoqlStatement, options: { all?: boolean; batchSize?: number } = {}) =>
    readAhead(readQueryPages(statement, options));

  async function* readQueryPages(
    statement: SoqlStatement,
    options: { all?: boolean; batchSize?: number } = {},
  ): AsyncGenerator<QueryResult> {
    const header = options.batchSize ? { "Sforce-Query-Options": `batchSize=${options.batchSize}` } : {};
    const first = options.all
      ? await http.GET("/services/data/v{version}/queryAll", {
          params: { path: { version: apiVersion }, query: { q: statement.text }, header },
        })
      : await http.GET("/services/data/v{version}/query", {
          params: { path: { version: apiVersion }, query: { q: statement.text }, header },
        });
    let page: QueryResult = first.data;
    yield page;
    const seen = new Set<string>();
    while (!page.done && page.nextRecordsUrl) {
      // nextRecordsUrl is instance-relative: /services/data/v66.0/query/01g…-2000
      const m = /\/services\/data\/v([0-9]+\.0)\/(query|queryAll)\/([^/?#]+)$/.exec(page.nextRecordsUrl);
      if (!m || seen.has(page.nextRecordsUrl)) {
        throw new TypeError("Salesforce sent a nextRecordsUrl that is not a query locator path");
      }
      seen.add(page.nextRecordsUrl);
      const [, version, kind, locator] = m as unknown as [string, string, string, string];
      const params = { params: { path: { version, locator: decodeURIComponent(locator) }, header } };
      page =
        kind === "queryAll"
          ? (await http.GET("/services/data/v{version}/queryAll/{locator}", params)).data
          : (await http.GET("/services/data/v{version}/query/{locator}", params)).data;
      yield page;
    }
  }

  const client: SalesforceClient = {
    http,
    apiVersion,
    get apiUsage() {
      return budget.usage;
    },
    resetApiBudget: () => budget.reset(),
    get instanceUrl() {
      return current;
    },
    queryPages,
    async *query<T extends SObjectRecord>(
      statement: SoqlStatement,
      options?: { all?: boolean; batchSize?: number },
    ): AsyncGenerator<T> {
      for await (const page of queryPages(statement, options)) yield* page.records as T[];
    },
    async *bulkQuery(statement, options = {}) {
      const version = apiVersion;
      const { data: job } = await http.POST("/services/data/v{version}/jobs/query", {
        params: { path: { version } },
        body: { operation: options.all ? "queryAll" : "query", query: statement.text, contentType: "CSV" },
      });
      const path = { version, jobId: job.id };
      const interval = config.bulk?.pollIntervalMs ?? 2000;
      const deadline = Date.now() + (config.bulk?.timeoutMs ?? 600_000);
      let state: string = job.state;
      while (state !== "JobComplete") {
        if (state === "Failed" || state === "Aborted") {
          throw new LedgerlineError("BULK_JOB_FAILED", `Bulk query job ${job.id} ended ${state}`, {
            system: "salesforce",
          });
        }
        if (Date.now() > deadline) {
          throw new LedgerlineError("BULK_JOB_TIMEOUT", `Bulk query job ${job.id} did not finish in time`, {
            system: "salesforce",
            retryable: true,
          });
        }
        await sleep(interval);
        state = (await http.GET("/services/data/v{version}/jobs/query/{jobId}", { params: { path } })).data
          .state;
      }
      let locator: string | undefined;
      for (;;) {
        const { data, response } = await http.GET("/services/data/v{version}/jobs/query/{jobId}/results", {
          params: {
            path,
            query: {
              ...(locator ? { locator } : {}),
              ...(options.maxRecords ? { maxRecords: options.maxRecords } : {}),
            },
          },
          parseAs: "text",
        });
        yield* parseCsv(String(data ?? ""), { columns: true, skip_empty_lines: true }) as Record<
          string,
          string
        >[];
        const next = response.headers.get("sforce-locator");
        if (!next || next === "null") return;
        locator = next;
      }
    },
    async composite(subrequests, options = {}) {
      if (!Array.isArray(subrequests) || subrequests.length === 0 || subrequests.length > 25) {
        throw new TypeError("composite: subrequests must hold 1 to 25 subrequests");
      }
      const { data } = await http.POST("/services/data/v{version}/composite", {
        params: { path: { version: apiVersion } },
        body: {
          ...(options.allOrNone !== undefined ? { allOrNone: options.allOrNone } : {}),
          compositeRequest: subrequests.map((s) => ({ ...s })),
        },
      });
      return data.compositeResponse;
    },
    writeBack(links, options = {}) {
      const extIdField = options.extIdField ?? "Ledgerline_Key__c";
      const projectField = options.projectField ?? "Project_Id__c";
      const engagementField = options.engagementField ?? "Engagement_Id__c";
      const records = links.map((l) => ({
        [extIdField]: l.opportunityKey,
        ...(l.projectId !== undefined ? { [projectField]: l.projectId } : {}),
        ...(l.engagementId !== undefined ? { [engagementField]: l.engagementId } : {}),
      }));
      return client.upsertRecords("Opportunity", extIdField, records);
    },
    async updateRecord(object, id, fields) {
      await http.PATCH("/services/data/v{version}/sobjects/{sobject}/{id}", {
        params: { path: { version: apiVersion, sobject: object, id } },
        body: fields as components["schemas"]["SObjectFields"],
      });
    },
    upsertRecords: (object, extIdField, records, options) =>
      upsertRecords(
        { http, apiVersion, ledger: config.ledger, bulk: config.bulk },
        object,
        extIdField,
        records,
        options,
      ),
  };
  return client;
}
