import {
  connectorOptionsShape,
  fnOption,
  integerBetween,
  ledgerOption,
  nonEmptyString,
  numberAtLeast,
  oneOf,
  optionsObject,
  parseOptions,
  privateKeyProblem,
  stringList,
  withMethods,
} from "@ledgerline/core";
import { z } from "zod";

/** Which kind of NetSuite account the connector talks to. */
export type NetSuiteEnvironment = "sandbox" | "production";

/** Where a NetSuite account lives: its ids, host and URLs, derived from the account id. */
export interface NetSuiteAccount {
  /** Account id as NetSuite shows it, upper case, e.g. `"123456"` or `"123456_SB1"`. */
  accountId: string;
  /** Host label, lower case with `-`, e.g. `"123456-sb1"` (used in the URL). */
  host: string;
  /** OAuth 1.0 realm, upper case with `_`, e.g. `"123456_SB1"` (used by token-based authentication). */
  realm: string;
  /** `"sandbox"` for `_SB<n>` accounts, otherwise `"production"` (or what the caller configured). */
  environment: NetSuiteEnvironment;
  /** REST root, e.g. `https://123456-sb1.suitetalk.api.netsuite.com/services/rest` (no trailing `/`). */
  baseUrl: string;
  /** OAuth 2.0 token endpoint; also the `aud` of the client assertion. */
  tokenUrl: string;
}

/** Options of {@link resolveAccount}. */
export interface AccountOptions {
  /** Account id, e.g. `"123456"`, `"123456_SB1"` or `"123456-sb1"`; case and separator are normalised. */
  accountId: string;
  /**
   * Declares the environment. A sandbox account id (`…_SB<n>`) with `"production"` is refused, so a
   * sandbox credential can never be mistaken for production.
   * @default inferred from the account id
   */
  environment?: NetSuiteEnvironment | undefined;
  /**
   * Overrides the REST root, e.g. `http://127.0.0.1:4010/services/rest` for the testing fake.
   * @default `https://<host>.suitetalk.api.netsuite.com/services/rest`
   */
  baseUrl?: string | undefined;
}

const ACCOUNT_ID = /^[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*$/;
const SANDBOX = /_SB\d*$/;

/**
 * Derives host, realm, environment and URLs from a NetSuite account id.
 * @example
 * resolveAccount({ accountId: "123456_SB1" });
 * // { accountId: "123456_SB1", host: "123456-sb1", realm: "123456_SB1", environment: "sandbox", … }
 * @throws TypeError naming the option when the account id, environment or base URL is invalid
 */
export function resolveAccount(options: AccountOptions): NetSuiteAccount {
  const raw = options.accountId;
  if (typeof raw !== "string" || !ACCOUNT_ID.test(raw.trim())) {
    throw new TypeError(
      'NetSuite config: option "accountId" must be a NetSuite account id such as "123456" or "123456_SB1"',
    );
  }
  const realm = raw.trim().toUpperCase().replaceAll("-", "_");
  const host = realm.toLowerCase().replaceAll("_", "-");
  const inferred: NetSuiteEnvironment = SANDBOX.test(realm) ? "sandbox" : "production";
  const environment = options.environment ?? inferred;
  if (environment !== "sandbox" && environment !== "production") {
    throw new TypeError('NetSuite config: option "environment" must be "sandbox" or "production"');
  }
  if (environment === "production" && inferred === "sandbox") {
    throw new TypeError(
      `NetSuite config: option "environment" is "production" but account "${realm}" is a sandbox account`,
    );
  }
  const baseUrl = normaliseBaseUrl(
    options.baseUrl ?? `https://${host}.suitetalk.api.netsuite.com/services/rest`,
  );
  return { accountId: realm, host, realm, environment, baseUrl, tokenUrl: `${baseUrl}/auth/oauth2/v1/token` };
}

function normaliseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError('NetSuite config: option "baseUrl" must be an absolute http(s) URL');
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError('NetSuite config: option "baseUrl" must be an absolute http(s) URL');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new TypeError(
      'NetSuite config: option "baseUrl" must not carry credentials, a query or a fragment',
    );
  }
  return url.href.replace(/\/+$/, "");
}

const NETSUITE_JWT_ALGORITHMS = ["PS256", "PS384", "PS512", "ES256", "ES384", "ES512"] as const;

const netSuiteAuthSchema = z.discriminatedUnion(
  "type",
  [
    optionsObject({
      type: z.literal("oauth2-m2m"),
      clientId: nonEmptyString,
      certificateId: nonEmptyString,
      privateKey: z.unknown(),
      algorithm: oneOf(NETSUITE_JWT_ALGORITHMS).optional(),
      scopes: z
        .array(oneOf(["rest_webservices", "restlets", "suite_analytics"]), {
          error: "must be an array of scopes",
        })
        .min(1, "must name at least one scope")
        .optional(),
      assertionLifetimeSec: integerBetween(1, 3600).optional(),
    }).superRefine((auth, ctx) => {
      const algorithm = auth.algorithm ?? "PS256";
      const problem = privateKeyProblem(auth.privateKey, algorithm);
      if (problem) ctx.addIssue({ code: "custom", path: ["privateKey"], message: problem });
    }),
    optionsObject({
      type: z.literal("tba"),
      consumerKey: nonEmptyString,
      consumerSecret: nonEmptyString,
      tokenId: nonEmptyString,
      tokenSecret: nonEmptyString,
    }),
    optionsObject({
      type: z.literal("token-provider"),
      provider: withMethods(["getToken", "invalidate"], "a TokenProvider"),
    }),
    optionsObject({ type: z.literal("none") }),
  ],
  { error: 'must name one of the auth types "oauth2-m2m", "tba", "token-provider", "none"' },
);

const netSuiteConfigSchema = optionsObject({
  ...connectorOptionsShape,
  accountId: z.string({ error: 'must be a NetSuite account id such as "123456" or "123456_SB1"' }),
  environment: oneOf(["sandbox", "production"]).optional(),
  auth: netSuiteAuthSchema,
  concurrencyLimit: integerBetween(1).optional(),
  ledger: ledgerOption.optional(),
  masterData: optionsObject({}).optional(),
  batchThreshold: integerBetween(0).optional(),
  batch: optionsObject({
    pollIntervalMs: numberAtLeast(0).optional(),
    maxPollIntervalMs: numberAtLeast(0).optional(),
    resolveIds: z
      .enum(["suiteql", "task-results"], { error: 'must be "suiteql" or "task-results"' })
      .optional(),
    maxWaitMs: numberAtLeast(0).optional(),
    replace: stringList.optional(),
    signal: withMethods(["addEventListener"], "an AbortSignal").optional(),
  }).optional(),
  timePolicy: fnOption("a function (entry) => PostingContext | undefined").optional(),
  expensePolicy: fnOption("a function (expense) => PostingContext | undefined").optional(),
}).refine((config) => config.concurrencyLimit === undefined || config.limits === undefined, {
  path: ["concurrencyLimit"],
  message: "is deprecated and cannot be combined with limits: give limits.maxConcurrency only",
});

/**
 * Validates every option of a NetSuite client configuration (shared connector options, `auth` including
 * the private key, which is parsed and checked against the algorithm, ledger, policies, batch options).
 * @throws TypeError `<where>: option "<path>" <reason>` — never the value
 */
export function parseNetSuiteConfig(config: unknown, where = "createNetSuiteClient"): void {
  parseOptions(netSuiteConfigSchema, config, where);
}
