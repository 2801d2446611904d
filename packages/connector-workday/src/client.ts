import type {
  CostCenter,
  IntegrationException,
  LegalEntity,
  Practice,
  Resource,
} from "@ledgerline/canonical";
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
  refreshTokenProvider,
  type TokenProvider,
  ValidationError,
  withMethods,
} from "@ledgerline/core";
import { z } from "zod";
import type { paths } from "./generated/workday.js";
import { type LegalEntityOptions, toCostCenter, toLegalEntity, toPractice } from "./mappers/organization.js";
import { type ResourceOptions, toResource } from "./mappers/resource.js";
import {
  MAX_LIMIT,
  type PageFetcher,
  type PaginateOptions,
  paginate,
  type WorkdayQuery,
} from "./paginate.js";
import { type ReportOptions, type ReportRow, reportRows } from "./raas.js";
import { parseWorkdayError } from "./workday-error.js";
import { readAs, type WorkdayRead } from "./workday-read.js";
import type {
  WorkdayCollection,
  WorkdayCollections,
  WorkdayOrganization,
  WorkdayWorker,
} from "./workday-types.js";

/**
 * Worker and HR fields that never reach a log line or an error message: compensation and pay, personal
 * data. Always redacted (added to `sensitiveFields`), besides the tokens core redacts anyway.
 */
export const WORKDAY_SENSITIVE_FIELDS = [
  "compensation",
  "basePay",
  "totalBasePay",
  "salary",
  "payRate",
  "hourlyRate",
  "bonus",
  "Compensation",
  "Base_Pay",
  "Total_Base_Pay",
  "Salary",
  "Pay_Rate",
  "Hourly_Rate",
  "dateOfBirth",
  "Date_of_Birth",
  "primaryWorkPhone",
  "primaryWorkAddressText",
  "nationalId",
  "National_ID",
  "refresh_token",
] as const;

/** A REST service and its version, e.g. `{ service: "staffing", version: "v6" }`. */
export interface WorkdayService {
  /** @default "staffing" for the staffing reads, "common" for the organization reads */
  service?: string | undefined;
  /** @default "v6" (staffing), "v1" (common) */
  version?: string | undefined;
}

/**
 * Workday credentials: an API client for integrations (`clientId`, `clientSecret`) and the refresh token
 * generated for its Integration System User, exchanged with the refresh-token grant (client credentials in
 * HTTP Basic) at `https://{host}/ccx/oauth2/{tenant}/token`; or any `TokenProvider`.
 */
export type WorkdayAuth =
  | {
      clientId: string;
      clientSecret: string;
      refreshToken: string;
      /** Called when Workday issues a new refresh token; persist it. */
      onRefreshTokenRotated?: ((refreshToken: string) => void | Promise<void>) | undefined;
    }
  | TokenProvider;

/**
 * Configuration of {@link createWorkdayClient}: the options every connector shares (`limits`, `retry`,
 * `logger`, `tracer`, `sensitiveFields`, `fetch`, `timeoutMs`, `hooks`, `baseUrl` — see core's
 * `ConnectorClientOptions`) plus Workday's own. Every option is validated when the client is created.
 */
export interface WorkdayClientConfig extends ConnectorClientOptions<WorkdayAuth> {
  /** The data center host, e.g. `wd2-impl-services1.workday.com`. Required. */
  host: string;
  /** The tenant name. Required. */
  tenant: string;
  /** Refresh-token credentials or a `TokenProvider`. Required. */
  auth: WorkdayAuth;
  /** Service and version of the staffing reads. @default { service: "staffing", version: "v6" } */
  staffing?: WorkdayService | undefined;
  /** Service and version of the organization reads. @default { service: "common", version: "v1" } */
  common?: WorkdayService | undefined;
  /** Objects per request, 1–100. @default 100 */
  limit?: number | undefined;
  /** Root of `/api`, `/oauth2` and `/service`; override for a fake or a proxy. @default `https://{host}/ccx` */
  baseUrl?: string | undefined;
  /** Extra fields never logged; `WORKDAY_SENSITIVE_FIELDS` always are. */
  sensitiveFields?: readonly string[] | undefined;
  /** Per-attempt timeout in milliseconds. @default 30000 */
  timeoutMs?: number | undefined;
  /** Companies sent without a country / currency use these (see `toLegalEntity`). */
  companyDefaults?: { country?: string | undefined; currency?: string | undefined } | undefined;
}

const hostSchema = nonEmptyString.regex(
  /^[A-Za-z0-9.-]+(:\d+)?$/,
  "must be a host name (no scheme, no path)",
);
const segment = (pattern: RegExp, reason: string) => nonEmptyString.regex(pattern, reason);
const serviceSchema = optionsObject({
  service: segment(/^[a-zA-Z]+$/, "must be a service name of letters (e.g. staffing)").optional(),
  version: segment(/^v\d+$/, 'must be a version like "v6"').optional(),
});

const configSchema = optionsObject({
  ...connectorOptionsShape,
  host: hostSchema,
  tenant: segment(/^[A-Za-z0-9_.-]+$/, "must be a tenant name (letters, digits, _ . -)"),
  auth: z.union(
    [
      optionsObject({
        clientId: nonEmptyString,
        clientSecret: nonEmptyString,
        refreshToken: nonEmptyString,
        onRefreshTokenRotated: z.custom((v) => typeof v === "function").optional(),
      }),
      withMethods<TokenProvider>(["getToken", "invalidate"], "a TokenProvider"),
    ],
    {
      error: "must be { clientId, clientSecret, refreshToken } or a TokenProvider (getToken(), invalidate())",
    },
  ),
  staffing: serviceSchema.optional(),
  common: serviceSchema.optional(),
  limit: integerBetween(1, MAX_LIMIT).optional(),
  companyDefaults: optionsObject({
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 country code")
      .optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "must be an ISO 4217 currency code")
      .optional(),
  }).optional(),
});

/** Options of the canonical reads. */
export interface ReadOptions extends Omit<PaginateOptions, "limit">, Pick<ResourceOptions, "observedAt"> {}

/** A Workday client: typed HTTP, paged iterators, canonical reads, RaaS reports. */
export interface WorkdayClient {
  /** The typed openapi-fetch client (non-2xx throws typed errors) for calls the helpers don't cover. */
  readonly http: HttpClient<paths>;
  /** The access tokens (cached, refreshed single-flight). */
  readonly auth: TokenProvider;
  /** Every object of a collection, page by page (`limit` ≤ 100, zero-based `offset`, stops on `total`). */
  list<C extends WorkdayCollection>(
    collection: C,
    query?: WorkdayQuery,
    options?: PaginateOptions,
  ): AsyncGenerator<WorkdayCollections[C], void, undefined>;
  /**
   * The WID of the organization type named `descriptor` (e.g. `"Cost Center"`, `"Company"`), read from
   * `organizationTypes`; `undefined` when the tenant has none by that name. Pass it to `costCenters` /
   * `legalEntities`.
   */
  organizationType(descriptor: string, options?: PaginateOptions): Promise<string | undefined>;
  /** One worker by WID, as sent. */
  worker(wid: string, options?: { signal?: AbortSignal }): Promise<WorkdayWorker>;
  /** Workers as canonical resources (each with its exceptions, e.g. no cost center). */
  resources(
    options?: ReadOptions & Pick<ResourceOptions, "asOf" | "now">,
  ): AsyncGenerator<WorkdayRead<Resource>>;
  /** Cost center organizations (`organizationType` = the tenant's Cost Center type WID) as cost centers. */
  costCenters(organizationType: string, options?: ReadOptions): AsyncGenerator<WorkdayRead<CostCenter>>;
  /** Companies (`organizationType` = the tenant's Company type WID) as legal entities. */
  legalEntities(organizationType: string, options?: ReadOptions): AsyncGenerator<WorkdayRead<LegalEntity>>;
  /** Supervisory organizations as practices, for firms whose practices are supervisory organizations. */
  practices(options?: ReadOptions): AsyncGenerator<WorkdayRead<Practice>>;
  /**
   * Runs a custom report exposed as a web service (RaaS): `customreport2/{tenant}/{owner}/{report}?format=json`
   * with `prompts` as query parameters; each `Report_Entry` row is validated with `schema`.
   */
  report<S extends z.ZodType>(
    owner: string,
    report: string,
    options: ReportOptions<S>,
  ): Promise<ReportRow<z.output<S>>[]>;
}

/**
 * Creates a Workday client on `@ledgerline/core`'s HTTP stack: OAuth 2.0 refresh-token grant with the
 * client credentials in HTTP Basic (core's `refreshTokenProvider`, tokens cached and refreshed single-flight,
 * refreshed once on a 401), retries with backoff on 429 / 503 (Workday does not publish tenant limits),
 * limits, timeouts, redacted logs, and Workday error bodies mapped to typed errors with `vendorCode` = the
 * error `code`.
 *
 * @example
 * ```ts
 * const workday = createWorkdayClient({
 *   host: "wd2-impl-services1.workday.com",
 *   tenant: "acme",
 *   auth: { clientId, clientSecret, refreshToken },
 * });
 * for await (const read of workday.resources()) {
 *   if (read.ok) console.log(read.value.name, read.value.active);
 *   else console.warn(read.key, read.error.issues);
 * }
 * ```
 * @throws TypeError naming the option path and the reason (never the value) when the configuration is invalid
 */
export function createWorkdayClient(config: WorkdayClientConfig): WorkdayClient {
  parseOptions(configSchema, config, "createWorkdayClient");
  const { tenant } = config;
  const baseUrl = (config.baseUrl ?? `https://${config.host}/ccx`).replace(/\/+$/, "");
  const auth = tokenProviderOf(config, baseUrl);
  const http = createHttpClient<paths>({
    ...connectorHttpOptions(config, { sensitiveFields: WORKDAY_SENSITIVE_FIELDS }),
    system: "workday",
    baseUrl,
    auth,
    parseError: parseWorkdayError,
    headers: { accept: "application/json" },
    ...(config.limits ? { limits: config.limits } : {}),
  });
  const staffing = `/api/${config.staffing?.service ?? "staffing"}/${config.staffing?.version ?? "v6"}/${tenant}`;
  const common = `/api/${config.common?.service ?? "common"}/${config.common?.version ?? "v1"}/${tenant}`;
  const PATHS: Record<WorkdayCollection, string> = {
    workers: `${staffing}/workers`,
    jobs: `${staffing}/jobs`,
    supervisoryOrganizations: `${staffing}/supervisoryOrganizations`,
    organizations: `${common}/organizations`,
    organizationTypes: `${common}/organizationTypes`,
  };
  const get = http.GET as unknown as (
    path: string,
    init: { params: { query: WorkdayQuery }; signal?: AbortSignal },
  ) => Promise<{ data?: unknown }>;
  const fetchPage: PageFetcher = async (path, query, signal) => {
    const { data } = await get(path, { params: { query }, ...(signal ? { signal } : {}) });
    return data;
  };

  async function* list<C extends WorkdayCollection>(
    collection: C,
    query: WorkdayQuery = {},
    options: PaginateOptions = {},
  ): AsyncGenerator<WorkdayCollections[C], void, undefined> {
    const pages = paginate<WorkdayCollections[C]>(fetchPage, PATHS[collection], query, {
      limit: options.limit ?? config.limit,
      signal: options.signal,
    });
    // As sent: the objects are not checked here, a malformed one is the mapper's per-record rejection.
    for await (const page of pages) yield* page.data;
  }

  async function* read<T>(
    collection: WorkdayCollection,
    type: string,
    query: WorkdayQuery,
    options: ReadOptions,
    map: (record: unknown) => { value: T; exceptions?: IntegrationException[] },
  ): AsyncGenerator<WorkdayRead<T>, void, undefined> {
    for await (const record of list(collection, query, options)) {
      yield readAs(type, record, () => map(record));
    }
  }

  const companyDefaults: LegalEntityOptions = {
    defaultCountry: config.companyDefaults?.country,
    defaultCurrency: config.companyDefaults?.currency,
  };

  return {
    http,
    auth,
    list,
    async organizationType(descriptor, options = {}) {
      for await (const type of list("organizationTypes", {}, options)) {
        if (typeof type === "object" && type !== null && type.descriptor === descriptor) return type.id;
      }
      return undefined;
    },
    async worker(wid, options = {}) {
      const { data } = await get(`${PATHS.workers}/${encodeURIComponent(wid)}`, {
        params: { query: {} },
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (typeof data !== "object" || data === null) {
        throw new ValidationError(
          "Malformed Workday response: a worker without a body",
          [{ path: "(root)", message: "the response has no JSON object", code: "not_a_worker" }],
          { system: "workday" },
        );
      }
      return data as WorkdayWorker;
    },
    resources: (options = {}) =>
      read("workers", "workers", {}, options, (w) => {
        const mapped = toResource(w as WorkdayWorker, options);
        return { value: mapped.resource, exceptions: mapped.exceptions };
      }),
    costCenters: (organizationType, options = {}) =>
      read("organizations", "organizations", { organizationType }, options, (o) => ({
        value: toCostCenter(o as WorkdayOrganization, options),
      })),
    legalEntities: (organizationType, options = {}) =>
      read("organizations", "organizations", { organizationType }, options, (o) => ({
        value: toLegalEntity(o as WorkdayOrganization, {
          ...companyDefaults,
          observedAt: options.observedAt,
        }),
      })),
    practices: (options = {}) =>
      read("supervisoryOrganizations", "organizations", {}, options, (o) => ({
        value: toPractice(o as WorkdayOrganization, options),
      })),
    async report(owner, report, options) {
      const path = `/service/customreport2/${encodeURIComponent(tenant)}/${encodeURIComponent(owner)}/${encodeURIComponent(report)}`;
      const query: Record<string, string | string[]> = { format: "json" };
      for (const [name, value] of Object.entries(options.prompts ?? {})) {
        if (name === "format") continue;
        query[name] = Array.isArray(value) ? value.map(String) : String(value);
      }
      const { data } = await (
        http.GET as unknown as (
          path: string,
          init: { params: { query: Record<string, string | string[]> }; signal?: AbortSignal },
        ) => Promise<{ data?: unknown }>
      )(path, { params: { query }, ...(options.signal ? { signal: options.signal } : {}) });
      return reportRows(data, options.schema, report);
    },
  };
}

function tokenProviderOf(config: WorkdayClientConfig, baseUrl: string): TokenProvider {
  const auth = config.auth;
  if ("getToken" in auth) return auth;
  return refreshTokenProvider({
    tokenUrl: `${baseUrl}/oauth2/${encodeURIComponent(config.tenant)}/token`,
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    refreshToken: auth.refreshToken,
    authMethod: "client_secret_basic",
    ...(auth.onRefreshTokenRotated ? { onRefreshTokenRotated: auth.onRefreshTokenRotated } : {}),
    ...(config.fetch ? { fetch: config.fetch } : {}),
    ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
  });
}
