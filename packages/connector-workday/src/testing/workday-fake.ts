import { createHash } from "node:crypto";
import {
  createFakeApi,
  type FakeApi,
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
  type FaultKind,
  type FaultResponseKind,
  type ListenOptions,
} from "@ledgerline/core/testing";
import { workdayOpenApi } from "../generated/workday-spec.js";
import type { WorkdayInstance, WorkdayJob, WorkdayOrganization, WorkdayWorker } from "../workday-types.js";

/** Transient faults the Workday fake injects by default when `faults.rate` > 0. */
export const WORKDAY_DEFAULT_FAULTS: readonly FaultKind[] = [
  "rate-limit-no-retry-after",
  "unavailable",
  "connection-reset",
];

/** A RaaS report the fake serves: fixed rows, or rows computed from the prompts. */
export type FakeReport = readonly unknown[] | ((prompts: Record<string, string>) => readonly unknown[]);

/** What the fake serves. Arrays keep their order (the order Workday lists them in). */
export interface WorkdaySeed {
  workers?: WorkdayWorker[] | undefined;
  jobs?: WorkdayJob[] | undefined;
  supervisoryOrganizations?: WorkdayOrganization[] | undefined;
  organizations?: WorkdayOrganization[] | undefined;
  organizationTypes?: WorkdayInstance[] | undefined;
  /** RaaS reports by `"{owner}/{report}"`. */
  reports?: Record<string, FakeReport> | undefined;
}

/** Options of {@link createWorkdayFake}. */
export interface WorkdayFakeOptions {
  /** The tenant the fake serves; other tenants get 404. @default "acme" */
  tenant?: string | undefined;
  /** The API client's credentials and the refresh token the token endpoint accepts. */
  credentials?: { clientId: string; clientSecret: string; refreshToken: string } | undefined;
  /** `expires_in` of issued access tokens, in seconds. @default 3600 */
  tokenTtlSeconds?: number | undefined;
  seed?: WorkdaySeed | undefined;
  /** Seeded transient faults (429 without Retry-After, 503, connection resets) on the REST routes. */
  faults?: { rate?: number | undefined; kinds?: readonly FaultKind[] | undefined } | undefined;
  /** Seed of fault decisions. @default 1 */
  randomSeed?: number | undefined;
  /** Base URL (the `/ccx` root). @default "https://wd2-impl-services1.workday.com/ccx" */
  baseUrl?: string | undefined;
}

/** The default credentials of the fake. */
export const WORKDAY_FAKE_CREDENTIALS = {
  clientId: "fake-client-id",
  clientSecret: "fake-client-secret",
  refreshToken: "fake-refresh-token",
} as const;

/** A stateful fake of the Workday subset in `openapi/workday.yaml`. */
export interface WorkdayFake {
  /** The underlying `@ledgerline/core/testing` fake: contract violations, request log, fault controls. */
  readonly api: FakeApi;
  /** In-process `fetch` (pass as `createWorkdayClient({ fetch, baseUrl: fake.baseUrl })`). */
  readonly fetch: FakeApi["fetch"];
  /** The `/ccx` root for the in-process `fetch`. */
  readonly baseUrl: string;
  /** The tenant served. */
  readonly tenant: string;
  /** The objects served (mutable: edit them to simulate changes in Workday). */
  readonly data: Required<Omit<WorkdaySeed, "reports">>;
  /** Token requests received (granted or not). */
  readonly tokenRequests: number;
  /** Adds objects and reports. */
  seed(seed: WorkdaySeed): void;
  /** Revokes every access token issued so far (the next API request gets 401). */
  revokeAccessTokens(): void;
  /** Serves the fake over HTTP on 127.0.0.1; `server.url` is the `/ccx` root. */
  listen(options?: ListenOptions): Promise<FakeServer>;
  close(): Promise<void>;
  /** Throws if any request or response broke the OpenAPI contract. */
  assertNoViolations(): void;
}

/** The services that serve each collection (staffing and common both list workers and supervisory organizations). */
const SERVICES: Record<string, readonly string[]> = {
  workers: ["staffing", "common"],
  jobs: ["staffing"],
  supervisoryOrganizations: ["staffing", "common"],
  organizations: ["common"],
  organizationTypes: ["common"],
};

const COLLECTION_QUERY: Record<string, readonly string[]> = {
  workers: ["limit", "offset", "search"],
  jobs: ["limit", "offset"],
  supervisoryOrganizations: ["limit", "offset"],
  organizations: ["limit", "offset", "organizationType"],
  organizationTypes: ["limit", "offset"],
};

/**
 * Creates a stateful Workday fake on `@ledgerline/core/testing`'s `createFakeApi`. Every request and
 * response is validated against `openapi/workday.yaml`. Like Workday it:
 * - answers collections as `{ total, data }` with `limit` (default 20, at most 100) and a zero-based `offset`;
 * - refuses query parameters the resource does not define with a 400 `{ error, errors: [...] }`;
 * - serves the token endpoint: the client credentials must come in HTTP Basic (`invalid_client`, 401,
 *   otherwise) and the refresh token must match (`invalid_grant`, 400);
 * - requires a bearer token it issued on every API and RaaS request (401 otherwise);
 * - serves RaaS reports at `/service/customreport2/{tenant}/{owner}/{report}?format=json` with the remaining
 *   query parameters as prompts, answering `{ Report_Entry: [...] }` (no paging).
 *
 * @example
 * ```ts
 * const fake = createWorkdayFake({ seed: { workers: [worker] } });
 * const workday = createWorkdayClient({
 *   host: "wd2-impl-services1.workday.com", tenant: fake.tenant, auth: WORKDAY_FAKE_CREDENTIALS,
 *   baseUrl: fake.baseUrl, fetch: fake.fetch,
 * });
 * ```
 */
export function createWorkdayFake(options: WorkdayFakeOptions = {}): WorkdayFake {
  const tenant = options.tenant ?? "acme";
  const credentials = options.credentials ?? WORKDAY_FAKE_CREDENTIALS;
  const ttl = options.tokenTtlSeconds ?? 3600;
  const data: WorkdayFake["data"] = {
    workers: [],
    jobs: [],
    supervisoryOrganizations: [],
    organizations: [],
    organizationTypes: [],
  };
  const reports = new Map<string, FakeReport>();
  const issued = new Set<string>();
  let tokenRequests = 0;
  let tokenSeq = 0;

  const json = (status: number, body: unknown): FakeResponse => ({
    status,
    headers: { "content-type": "application/json" },
    body,
  });
  const errorList = (status: number, error: string, code: string, field?: string): FakeResponse =>
    json(status, { error, errors: [{ error, code, ...(field ? { field } : {}) }] });

  const authorized =
    (handler: (request: FakeRequest) => FakeResponse) =>
    (request: FakeRequest): FakeResponse => {
      const token = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim();
      if (token === undefined || !issued.has(token)) {
        return errorList(
          401,
          "Invalid request: the access token is missing, invalid or expired.",
          "invalid-token",
        );
      }
      if ((request.params.tenant ?? "") !== tenant) {
        return errorList(404, "Resource not found: the tenant does not exist.", "not-found");
      }
      return handler(request);
    };

  const collection = (
    name: keyof WorkdayFake["data"],
    filter?: (request: FakeRequest, o: unknown) => boolean,
    filtering: (request: FakeRequest) => boolean = () => filter !== undefined,
  ) =>
    authorized((request) => {
      if (!(SERVICES[name] ?? []).includes(request.params.service ?? "")) {
        return errorList(404, "Resource not found: no such resource in this service.", "not-found");
      }
      const allowed = COLLECTION_QUERY[name] ?? [];
      for (const key of request.query.keys()) {
        if (!allowed.includes(key)) {
          return errorList(
            400,
            `Invalid request: unknown query parameter "${key}".`,
            "invalid-query-parameter",
            key,
          );
        }
      }
      // The OpenAPI validator has already refused a limit outside 1–100 and a negative offset.
      const limit = Number(request.query.get("limit") ?? 20);
      const offset = Number(request.query.get("offset") ?? 0);
      // Unfiltered, a page is a slice of the collection (O(page), not a copy of the collection per page).
      const rows = data[name] as unknown[];
      const all = filter && filtering(request) ? rows.filter((o) => filter(request, o)) : rows;
      return json(200, { total: all.length, data: all.slice(offset, offset + limit) });
    });

  const routes: Record<string, (request: FakeRequest) => FakeResponse> = {
    "GET /api/{service}/{version}/{tenant}/workers": collection(
      "workers",
      (request, o) => {
        const search = request.query.get("search");
        return (
          search === null || (o as WorkdayWorker).descriptor.toLowerCase().startsWith(search.toLowerCase())
        );
      },
      (request) => request.query.has("search"),
    ),
    "GET /api/{service}/{version}/{tenant}/workers/{ID}": authorized((request) => {
      if ([...request.query.keys()].length > 0) {
        return errorList(400, "Invalid request: unknown query parameter.", "invalid-query-parameter");
      }
      const worker = data.workers.find((w) => w.id === request.params.ID);
      return worker ? json(200, worker) : errorList(404, "Resource not found.", "not-found");
    }),
    "GET /api/{service}/{version}/{tenant}/jobs": collection("jobs"),
    "GET /api/{service}/{version}/{tenant}/supervisoryOrganizations": collection("supervisoryOrganizations"),
    "GET /api/{service}/{version}/{tenant}/organizations": collection(
      "organizations",
      (request, o) => {
        const type = request.query.get("organizationType");
        return type === null || (o as WorkdayOrganization).organizationType?.id === type;
      },
      (request) => request.query.has("organizationType"),
    ),
    "GET /api/{service}/{version}/{tenant}/organizationTypes": collection("organizationTypes"),
    "POST /oauth2/{tenant}/token": (request) => {
      tokenRequests++;
      const basic = /^Basic\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
      const [id, secret] = basic ? decodeBasic(basic) : [];
      if (id !== credentials.clientId || secret !== credentials.clientSecret) {
        return json(401, { error: "invalid_client" });
      }
      if (request.params.tenant !== tenant) return json(400, { error: "invalid_request" });
      const form = request.body as { grant_type?: string; refresh_token?: string };
      if (form.refresh_token !== credentials.refreshToken) return json(400, { error: "invalid_grant" });
      const token = `wd-access-${++tokenSeq}-${createHash("sha256").update(String(tokenSeq)).digest("hex").slice(0, 16)}`;
      issued.add(token);
      return json(200, {
        access_token: token,
        token_type: "Bearer",
        expires_in: ttl,
        refresh_token: credentials.refreshToken,
      });
    },
    "GET /service/customreport2/{tenant}/{owner}/{report}": authorized((request) => {
      const report = reports.get(`${request.params.owner}/${request.params.report}`);
      if (report === undefined)
        return json(404, { error: "The report does not exist or is not a web service." });
      const prompts: Record<string, string> = {};
      for (const [k, v] of request.query) if (k !== "format") prompts[k] = v;
      const rows = typeof report === "function" ? report(prompts) : report;
      return json(200, { Report_Entry: [...rows] });
    }),
  };

  const api = createFakeApi({
    spec: workdayOpenApi,
    routes,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    faults: {
      rate: options.faults?.rate ?? 0,
      kinds: options.faults?.kinds ?? WORKDAY_DEFAULT_FAULTS,
      routes: Object.keys(routes).filter((r) => r.startsWith("GET /api")),
      response: faultResponse,
    },
    seed: options.randomSeed ?? 1,
  });

  const fake: WorkdayFake = {
    api,
    fetch: api.fetch,
    baseUrl: api.baseUrl,
    tenant,
    data,
    get tokenRequests() {
      return tokenRequests;
    },
    seed(seed) {
      for (const key of Object.keys(data) as (keyof WorkdayFake["data"])[]) {
        (data[key] as unknown[]).push(...(seed[key] ?? []));
      }
      for (const [name, report] of Object.entries(seed.reports ?? {})) reports.set(name, report);
    },
    revokeAccessTokens: () => issued.clear(),
    listen: (listenOptions) => api.listen(listenOptions),
    close: () => api.close(),
    assertNoViolations: () => api.assertNoViolations(),
  };
  if (options.seed) fake.seed(options.seed);
  return fake;
}

function decodeBasic(value: string): [string, string] {
  const text = Buffer.from(value, "base64").toString("utf8");
  const colon = text.indexOf(":");
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
  return colon < 0 ? [decode(text), ""] : [decode(text.slice(0, colon)), decode(text.slice(colon + 1))];
}

function faultResponse(kind: FaultResponseKind): FakeResponse {
  const body =
    kind === "unavailable"
      ? { error: "The service is temporarily unavailable." }
      : { error: "Too many requests for this tenant; retry later." };
  return {
    status: kind === "unavailable" ? 503 : 429,
    headers: { "content-type": "application/json" },
    body,
  };
}
