import { oauth1Signature, signatureBaseString } from "@ledgerline/core";
import type { FakeRequest } from "@ledgerline/core/testing";

/** Token-based-authentication credentials the fake accepts (it then verifies every signature). */
export interface FakeTbaCredentials {
  /** @default "123456_SB1" */
  realm?: string;
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}

/**
 * Checks an OAuth 1.0a `Authorization` header the way NetSuite does: `realm` is the account id,
 * `oauth_signature_method` is HMAC-SHA256 (HMAC-SHA1 is refused), the consumer key and token are known,
 * the nonce is fresh, and the signature covers the method, URL, query parameters and `oauth_*` parameters.
 * Returns the reason it is refused, or `undefined` when valid.
 */
export function tbaProblem(
  request: FakeRequest,
  credentials: FakeTbaCredentials,
  nonces: Set<string>,
): string | undefined {
  const header = request.headers.get("authorization") ?? "";
  if (!header.startsWith("OAuth ")) return "not an OAuth 1.0a header";
  const fields: Record<string, string> = {};
  for (const match of header.slice(6).matchAll(/([\w]+)="([^"]*)"/g)) {
    fields[match[1] ?? ""] = decodeURIComponent(match[2] ?? "");
  }
  if (fields.realm !== (credentials.realm ?? "123456_SB1")) return "wrong realm";
  if (fields.oauth_signature_method !== "HMAC-SHA256") return "signature method must be HMAC-SHA256";
  if (fields.oauth_consumer_key !== credentials.consumerKey || fields.oauth_token !== credentials.tokenId) {
    return "unknown consumer key or token";
  }
  const nonce = `${fields.oauth_nonce ?? ""}:${fields.oauth_timestamp ?? ""}`;
  if (!fields.oauth_nonce || nonces.has(nonce)) return "nonce missing or reused";
  const params = Object.fromEntries(Object.entries(fields).filter(([k]) => k.startsWith("oauth_")));
  const base = signatureBaseString(request.method, request.url.href, params);
  const expected = oauth1Signature(base, credentials.consumerSecret, credentials.tokenSecret, "HMAC-SHA256");
  if (fields.oauth_signature !== expected) return "signature mismatch";
  nonces.add(nonce);
  return undefined;
}
