import { z } from "zod";
import { AuthError, LedgerlineError, NetworkError, TimeoutError } from "../errors.js";
import { fnOption, httpUrl, numberAtLeast, oneOf, transportOption } from "../options.js";
import { createRedactor } from "../redact.js";
import { attemptSignal } from "../timeout.js";
import { createHttpError, parseCommonErrorBody } from "../vendor-error.js";
import type { IssuedToken } from "./token-provider.js";

/** How the client authenticates to the token endpoint (RFC 6749 §2.3.1). */
export type ClientAuthMethod = "client_secret_post" | "client_secret_basic";

/** Options shared by the OAuth 2.0 providers. */
export interface TokenEndpointOptions {
  /** Token endpoint URL. */
  tokenUrl: string;
  /** Transport for the token request. @default globalThis.fetch */
  fetch?: (request: Request) => Promise<Response>;
  /** Timeout of the token request. @default 30000 */
  timeoutMs?: number;
  /** Refresh this long before `expires_in` runs out. @default 60000 */
  expirySkewMs?: number;
  /** Assumed lifetime when the vendor sends no `expires_in`; default: until a 401 invalidates it. */
  defaultTtlMs?: number;
  /** Extra form parameters sent with every token request (e.g. `resource`, `audience`). */
  extraParams?: Record<string, string>;
  /** Clock in milliseconds for expiry (tests). @default Date.now */
  now?: () => number;
}

/** Zod shape of {@link TokenEndpointOptions}, spread into each provider's options schema. */
export const tokenEndpointShape = {
  tokenUrl: httpUrl,
  fetch: transportOption.optional(),
  timeoutMs: numberAtLeast(0).optional(),
  expirySkewMs: numberAtLeast(0).optional(),
  defaultTtlMs: numberAtLeast(0).optional(),
  extraParams: z
    .record(z.string(), z.string({ error: "must map names to strings" }), {
      error: "must be an object of strings",
    })
    .optional(),
  now: fnOption().optional(),
  authMethod: oneOf(["client_secret_post", "client_secret_basic"]).optional(),
} as const;

/** The parsed token endpoint answer. */
export interface TokenResponse extends IssuedToken {
  refreshToken?: string | undefined;
  /** The whole JSON body (e.g. Salesforce `instance_url`). Never log it. */
  raw: Record<string, unknown>;
}

/** Form-urlencodes a client id or secret for HTTP Basic, as RFC 6749 §2.3.1 requires. */
function formEncode(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, "+");
}

/** Builds `Authorization: Basic …` for client credentials. */
export function basicAuthHeader(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString("base64")}`;
}

/**
 * POSTs a form to a token endpoint and parses the JSON answer. Failures become typed errors whose
 * messages never contain the secrets in `secrets` (client secret, refresh token, assertion).
 */
export async function requestToken(
  options: TokenEndpointOptions,
  form: Record<string, string>,
  secrets: readonly string[],
  basic?: { clientId: string; clientSecret: string },
): Promise<TokenResponse> {
  const transport = options.fetch ?? ((r: Request) => globalThis.fetch(r));
  const redactor = createRedactor();
  const url = redactor.url(options.tokenUrl);
  const headers = new Headers({
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
  });
  if (basic) headers.set("authorization", basicAuthHeader(basic.clientId, basic.clientSecret));
  const body = new URLSearchParams({ ...options.extraParams, ...form }).toString();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = attemptSignal(undefined, timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await transport(
      new Request(options.tokenUrl, { method: "POST", headers, body, signal: deadline.signal }),
    );
    text = await response.text();
  } catch (e) {
    if (e instanceof LedgerlineError) throw e;
    if (deadline.timedOut()) {
      throw new TimeoutError(`token request to ${url} timed out after ${timeoutMs} ms`, {
        method: "POST",
        url,
        timeoutMs,
        retryable: true,
      });
    }
    throw new NetworkError(`token request to ${url} failed without a response`, {
      method: "POST",
      url,
      retryable: true,
      cause: e,
    });
  } finally {
    deadline.clear();
  }
  const literals = basic ? [...secrets, basic.clientSecret] : [...secrets];
  if (!response.ok) {
    const parsed = parseCommonErrorBody(text);
    const status = response.status;
    const msg = parsed.message ? `: ${redactor.text(parsed.message, literals).slice(0, 200)}` : "";
    throw createHttpError(
      `token request to ${url} failed with HTTP ${status}${parsed.vendorCode ? ` ${parsed.vendorCode}` : ""}${msg}`,
      {
        status,
        method: "POST",
        url,
        vendorCode: parsed.vendorCode,
        bodyExcerpt: text ? redactor.excerpt(text, literals) : undefined,
        retryable: status === 429 || status >= 500,
      },
      status >= 500 || status === 429 ? undefined : "auth",
    );
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new AuthError(`token endpoint ${url} returned a body that is not JSON`, {
      status: response.status,
      method: "POST",
      url,
    });
  }
  const accessToken = json.access_token;
  if (typeof accessToken !== "string" || accessToken.length === 0) {
    throw new AuthError(`token endpoint ${url} returned no access_token`, {
      status: response.status,
      method: "POST",
      url,
    });
  }
  const expires = json.expires_in;
  const expiresInSec =
    typeof expires === "number" ? expires : typeof expires === "string" ? Number(expires) : undefined;
  return {
    accessToken,
    expiresInSec: expiresInSec !== undefined && Number.isFinite(expiresInSec) ? expiresInSec : undefined,
    refreshToken: typeof json.refresh_token === "string" ? json.refresh_token : undefined,
    raw: json,
  };
}
