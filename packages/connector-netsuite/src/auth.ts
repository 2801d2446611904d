import type { KeyObject } from "node:crypto";
import {
  jwtBearerProvider,
  oauth1Signer,
  type RequestSigner,
  type TokenProvider,
  type Transport,
} from "@ledgerline/core";
import type { NetSuiteAccount } from "./config.js";

/** Signing algorithms NetSuite accepts for the OAuth 2.0 client assertion. */
export type NetSuiteJwtAlgorithm = "PS256" | "PS384" | "PS512" | "ES256" | "ES384" | "ES512";

/** OAuth 2.0 client credentials (machine to machine) with a certificate-signed JWT assertion. The preferred mode. */
export interface NetSuiteOAuth2M2M {
  type: "oauth2-m2m";
  /** Client id of the integration record (the assertion's `iss`). */
  clientId: string;
  /** Certificate id from the OAuth 2.0 client credentials setup (the assertion's `kid`). */
  certificateId: string;
  /** PEM private key (or `KeyObject`) of the uploaded certificate. Never logged. */
  privateKey: string | KeyObject;
  /** @default "PS256" */
  algorithm?: NetSuiteJwtAlgorithm;
  /** Scopes. @default ["rest_webservices"] */
  scopes?: ReadonlyArray<"rest_webservices" | "restlets" | "suite_analytics">;
  /** Assertion lifetime in seconds, at most 3600. @default 300 */
  assertionLifetimeSec?: number;
}

/** Token-based authentication (OAuth 1.0a, HMAC-SHA256). Being retired by Oracle: prefer `oauth2-m2m`. */
export interface NetSuiteTokenBasedAuth {
  type: "tba";
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}

/** Bring your own bearer-token provider (e.g. authorization code + PKCE handled elsewhere). */
export interface NetSuiteCustomAuth {
  type: "token-provider";
  provider: TokenProvider;
}

/** No credentials — only for the testing fake. */
export interface NetSuiteNoAuth {
  type: "none";
}

/** How the connector authenticates. */
export type NetSuiteAuth = NetSuiteOAuth2M2M | NetSuiteTokenBasedAuth | NetSuiteCustomAuth | NetSuiteNoAuth;

const ALGORITHMS: readonly NetSuiteJwtAlgorithm[] = ["PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

/**
 * Builds core's token provider or request signer for a NetSuite account: `jwtBearerProvider` in
 * client-assertion mode (`aud` = the account's token URL, `scope` claim, `kid`; token cached by core until
 * shortly before its 60-minute expiry, no refresh token) or `oauth1Signer` (HMAC-SHA256, `realm` = the
 * account id in upper case with `_`, query parameters included in the signature).
 * @throws TypeError naming the auth option that is missing or invalid
 */
export function createNetSuiteAuth(
  auth: NetSuiteAuth,
  account: NetSuiteAccount,
  fetch?: Transport,
): TokenProvider | RequestSigner | undefined {
  switch (auth?.type) {
    case "oauth2-m2m": {
      for (const key of ["clientId", "certificateId"] as const) requireString(auth[key], `auth.${key}`);
      if (!auth.privateKey) throw new TypeError('NetSuite config: option "auth.privateKey" is required');
      const algorithm = auth.algorithm ?? "PS256";
      if (!ALGORITHMS.includes(algorithm)) {
        throw new TypeError(
          `NetSuite config: option "auth.algorithm" must be one of ${ALGORITHMS.join(", ")}`,
        );
      }
      const lifetime = auth.assertionLifetimeSec ?? 300;
      if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > 3600) {
        throw new TypeError(
          'NetSuite config: option "auth.assertionLifetimeSec" must be an integer from 1 to 3600',
        );
      }
      return jwtBearerProvider({
        mode: "client-assertion",
        tokenUrl: account.tokenUrl,
        audience: account.tokenUrl,
        issuer: auth.clientId,
        keyId: auth.certificateId,
        algorithm,
        privateKey: auth.privateKey,
        scope: (auth.scopes ?? ["rest_webservices"]).join(" "),
        assertionLifetimeSec: lifetime,
        ...(fetch ? { fetch } : {}),
      });
    }
    case "tba":
      for (const key of ["consumerKey", "consumerSecret", "tokenId", "tokenSecret"] as const) {
        requireString(auth[key], `auth.${key}`);
      }
      return oauth1Signer({
        consumerKey: auth.consumerKey,
        consumerSecret: auth.consumerSecret,
        token: auth.tokenId,
        tokenSecret: auth.tokenSecret,
        realm: account.realm,
        signatureMethod: "HMAC-SHA256",
      });
    case "token-provider":
      if (!auth.provider || typeof auth.provider.getToken !== "function") {
        throw new TypeError('NetSuite config: option "auth.provider" must be a TokenProvider');
      }
      return auth.provider;
    case "none":
      return undefined;
    default:
      throw new TypeError(
        'NetSuite config: option "auth.type" must be "oauth2-m2m", "tba", "token-provider" or "none"',
      );
  }
}

function requireString(value: unknown, option: string): void {
  if (typeof value !== "string" || value.length === 0) {
    throw new TypeError(`NetSuite config: option "${option}" must be a non-empty string`);
  }
}
