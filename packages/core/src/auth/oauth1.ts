import { createHmac, randomBytes } from "node:crypto";
import { z } from "zod";
import { fnOption, nonEmptyString, oneOf, optionsObject, parseOptions } from "../options.js";
import type { RequestSigner, SignableRequest } from "./token-provider.js";

const oauth1Schema = optionsObject({
  consumerKey: nonEmptyString,
  consumerSecret: nonEmptyString,
  token: nonEmptyString,
  tokenSecret: nonEmptyString,
  realm: z.string({ error: "must be a string" }).optional(),
  signatureMethod: oneOf(["HMAC-SHA256", "HMAC-SHA1"]).optional(),
  includeVersion: z.boolean({ error: "must be a boolean" }).optional(),
  nonce: fnOption().optional(),
  timestamp: fnOption().optional(),
});

/** OAuth 1.0a signature methods supported. NetSuite TBA requires HMAC-SHA256. */
export type OAuth1SignatureMethod = "HMAC-SHA256" | "HMAC-SHA1";

/** Options of {@link oauth1Signer}. */
export interface OAuth1Options {
  consumerKey: string;
  consumerSecret: string;
  token: string;
  tokenSecret: string;
  /** `realm` in the header, not signed (NetSuite: the account id, e.g. `"1234567_SB1"`). */
  realm?: string;
  /** @default "HMAC-SHA256" */
  signatureMethod?: OAuth1SignatureMethod;
  /** Send (and sign) `oauth_version="1.0"`. @default true */
  includeVersion?: boolean;
  /** Nonce source (tests). @default 16 random bytes, hex */
  nonce?: () => string;
  /** Timestamp source in seconds (tests). @default now */
  timestamp?: () => number;
}

/** RFC 3986 percent-encoding as RFC 5849 §3.6 requires (unreserved characters kept, everything else encoded). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Decodes `application/x-www-form-urlencoded` components (`+` is a space). */
function formDecode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, " "));
}

function parsePairs(query: string): [string, string][] {
  if (query === "") return [];
  return query.split("&").map((part) => {
    const eq = part.indexOf("=");
    return eq === -1
      ? [formDecode(part), ""]
      : [formDecode(part.slice(0, eq)), formDecode(part.slice(eq + 1))];
  });
}

/** The base string URI of RFC 5849 §3.4.1.2: lowercase scheme and host, default port dropped, no query. */
export function baseStringUri(url: string): string {
  const u = new URL(url);
  const port =
    u.port && !((u.protocol === "http:" && u.port === "80") || (u.protocol === "https:" && u.port === "443"));
  return `${u.protocol.toLowerCase()}//${u.hostname.toLowerCase()}${port ? `:${u.port}` : ""}${u.pathname}`;
}

/**
 * The signature base string of RFC 5849 §3.4.1: method, base URI, and the normalized parameters —
 * query parameters, form-encoded body parameters and the `oauth_*` protocol parameters (minus
 * `oauth_signature` and `realm`).
 */
export function signatureBaseString(
  method: string,
  url: string,
  oauthParams: Record<string, string>,
  formBody?: string,
): string {
  const query = new URL(url).search.replace(/^\?/, "");
  const pairs: [string, string][] = [
    ...parsePairs(query),
    ...(formBody ? parsePairs(formBody) : []),
    ...Object.entries(oauthParams).filter(([k]) => k !== "oauth_signature" && k !== "realm"),
  ];
  const normalized = pairs
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  return [method.toUpperCase(), percentEncode(baseStringUri(url)), percentEncode(normalized)].join("&");
}

/** HMAC signature (base64) of a base string with `consumerSecret&tokenSecret` as key (RFC 5849 §3.4.2). */
export function oauth1Signature(
  baseString: string,
  consumerSecret: string,
  tokenSecret: string,
  method: OAuth1SignatureMethod = "HMAC-SHA256",
): string {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  return createHmac(method === "HMAC-SHA1" ? "sha1" : "sha256", key)
    .update(baseString)
    .digest("base64");
}

/** Builds the OAuth 1.0a `Authorization` header value for one request. */
export function oauth1Header(
  options: OAuth1Options,
  request: { method: string; url: string; formBody?: string | undefined },
): string {
  const method = options.signatureMethod ?? "HMAC-SHA256";
  const params: Record<string, string> = {
    oauth_consumer_key: options.consumerKey,
    oauth_token: options.token,
    oauth_signature_method: method,
    oauth_timestamp: String(options.timestamp ? options.timestamp() : Math.floor(Date.now() / 1000)),
    oauth_nonce: options.nonce ? options.nonce() : randomBytes(16).toString("hex"),
  };
  if (options.includeVersion ?? true) params.oauth_version = "1.0";
  const base = signatureBaseString(request.method, request.url, params, request.formBody);
  params.oauth_signature = oauth1Signature(base, options.consumerSecret, options.tokenSecret, method);
  const parts = Object.entries(params).map(([k, v]) => `${percentEncode(k)}="${percentEncode(v)}"`);
  if (options.realm !== undefined) parts.unshift(`realm="${percentEncode(options.realm)}"`);
  return `OAuth ${parts.join(", ")}`;
}

/**
 * An RFC 5849 OAuth 1.0a request signer (NetSuite Token-Based Authentication). Signs every attempt afresh
 * (new nonce and timestamp) including query parameters and form-encoded body parameters.
 * @example
 * createHttpClient<paths>({ system: "netsuite", baseUrl, auth: oauth1Signer({ consumerKey, consumerSecret,
 *   token, tokenSecret, realm: "1234567_SB1" }) });
 * @throws TypeError naming the option when an option is invalid
 */
export function oauth1Signer(options: OAuth1Options): RequestSigner {
  parseOptions(oauth1Schema, options, "oauth1Signer");
  return {
    sign(request: SignableRequest): void {
      const isForm =
        request.headers.get("content-type")?.includes("application/x-www-form-urlencoded") ?? false;
      const formBody = isForm && request.body ? new TextDecoder().decode(request.body) : undefined;
      request.headers.set(
        "authorization",
        oauth1Header(options, { method: request.method, url: request.url, formBody }),
      );
    },
  };
}
