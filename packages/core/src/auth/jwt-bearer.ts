import type { KeyObject } from "node:crypto";
import { z } from "zod";
import { integerBetween, nonEmptyString, oneOf, optionsObject, parseOptions } from "../options.js";
import { JWT_ALGORITHMS, type JwtAlgorithm, privateKeyProblem, signJwt, toSigningKey } from "./jwt.js";
import { cachedTokenProvider, type TokenProvider } from "./token-provider.js";
import { requestToken, type TokenEndpointOptions, tokenEndpointShape } from "./token-request.js";

/** Options of {@link jwtBearerProvider}. */
export interface JwtBearerOptions extends TokenEndpointOptions {
  /**
   * - `"client-assertion"` (RFC 7523 §2.2): `grant_type=client_credentials` + `client_assertion` — NetSuite M2M.
   * - `"jwt-bearer-grant"` (RFC 7523 §2.1): `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` +
   *   `assertion` — Salesforce, Workday.
   * @default "client-assertion"
   */
  mode?: "client-assertion" | "jwt-bearer-grant";
  /** Signing algorithm; the key must fit it (RSA ≥ 2048 bits for RS/PS, the matching curve for ES). */
  algorithm: JwtAlgorithm;
  /** PEM private key (PKCS#8, PKCS#1, SEC1) or `KeyObject`; parsed when the provider is created. Never logged. */
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
  /** Assertion lifetime in seconds. @default 180 */
  assertionLifetimeSec?: number;
}

const jwtBearerSchema = optionsObject({
  ...tokenEndpointShape,
  mode: oneOf(["client-assertion", "jwt-bearer-grant"]).optional(),
  algorithm: oneOf(JWT_ALGORITHMS as [JwtAlgorithm, ...JwtAlgorithm[]]),
  privateKey: z.unknown(),
  keyId: nonEmptyString.optional(),
  issuer: nonEmptyString,
  subject: nonEmptyString.optional(),
  audience: nonEmptyString.optional(),
  scope: z.string({ error: "must be a string" }).optional(),
  claims: z.record(z.string(), z.unknown(), { error: "must be an object" }).optional(),
  assertionLifetimeSec: integerBetween(1, 86_400).optional(),
}).superRefine((options, ctx) => {
  if (!JWT_ALGORITHMS.includes(options.algorithm)) return;
  const problem = privateKeyProblem(options.privateKey, options.algorithm);
  if (problem) ctx.addIssue({ code: "custom", path: ["privateKey"], message: problem });
});

/**
 * OAuth 2.0 with a signed JWT instead of a client secret (RS256 / PS256 / ES256 …, signed with jose),
 * cached with expiry skew and single-flight refresh. Vendors without `expires_in` (Salesforce) keep the
 * token until a 401. The private key is parsed and checked against the algorithm here, so a bad key fails
 * at construction (naming `privateKey`), not on the first request.
 * @example
 * const auth = jwtBearerProvider({ tokenUrl, algorithm: "PS256", privateKey: pem, issuer: clientId, keyId });
 * @throws TypeError naming the option when an option is invalid
 */
export function jwtBearerProvider(options: JwtBearerOptions): TokenProvider {
  parseOptions(jwtBearerSchema, options, "jwtBearerProvider");
  const key = toSigningKey(options.privateKey, options.algorithm);
  const mode = options.mode ?? "client-assertion";
  return cachedTokenProvider(async () => {
    const assertion = await signJwt({
      algorithm: options.algorithm,
      privateKey: key,
      ...(options.keyId ? { keyId: options.keyId } : {}),
      expiresInSec: options.assertionLifetimeSec ?? 180,
      ...(options.now ? { now: options.now } : {}),
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
