import type { KeyObject } from "node:crypto";
import { type JwtAlgorithm, signJwt } from "./jwt.js";
import { cachedTokenProvider, type TokenProvider } from "./token-provider.js";
import { requestToken, type TokenEndpointOptions } from "./token-request.js";

/** Options of {@link jwtBearerProvider}. */
export interface JwtBearerOptions extends TokenEndpointOptions {
  /**
   * - `"client-assertion"` (RFC 7523 §2.2): `grant_type=client_credentials` + `client_assertion` — NetSuite M2M.
   * - `"jwt-bearer-grant"` (RFC 7523 §2.1): `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` +
   *   `assertion` — Salesforce, Workday.
   * @default "client-assertion"
   */
  mode?: "client-assertion" | "jwt-bearer-grant";
  algorithm: JwtAlgorithm;
  privateKey: string | KeyObject;
  /** `kid` header (NetSuite: the certificate id). */
  keyId?: string;
  /** `iss` claim (the client id / consumer key). */
  issuer: string;
  /** `sub` claim (Salesforce: the username). */
  subject?: string;
  /** `aud` claim. @default tokenUrl */
  audience?: string;
  /** `scope` — a claim in client-assertion mode (NetSuite), a form field otherwise. */
  scope?: string;
  /** Extra claims. */
  claims?: Record<string, unknown>;
  /** Assertion lifetime. @default 180 */
  assertionLifetimeSec?: number;
}

/**
 * OAuth 2.0 with a signed JWT instead of a client secret (RS256 / PS256 / ES256 …), cached with expiry skew
 * and single-flight refresh. Vendors without `expires_in` (Salesforce) keep the token until a 401.
 */
export function jwtBearerProvider(options: JwtBearerOptions): TokenProvider {
  if (!options.tokenUrl) throw new TypeError("tokenUrl must be a non-empty string");
  if (!options.issuer) throw new TypeError("issuer must be a non-empty string");
  const mode = options.mode ?? "client-assertion";
  return cachedTokenProvider(() => {
    const assertion = signJwt({
      algorithm: options.algorithm,
      privateKey: options.privateKey,
      ...(options.keyId ? { keyId: options.keyId } : {}),
      expiresInSec: options.assertionLifetimeSec ?? 180,
      payload: {
        iss: options.issuer,
        aud: options.audience ?? options.tokenUrl,
        ...(options.subject ? { sub: options.subject } : {}),
        ...(mode === "client-assertion" && options.scope ? { scope: options.scope } : {}),
        ...options.claims,
      },
    });
    const form: Record<string, string> =
      mode === "client-assertion"
        ? {
            grant_type: "client_credentials",
            client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            client_assertion: assertion,
          }
        : {
            grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
            assertion,
            ...(options.scope ? { scope: options.scope } : {}),
          };
    return requestToken(options, form, [assertion]);
  }, options);
}
