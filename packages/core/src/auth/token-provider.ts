import { fnOption, numberAtLeast, optionsObject, parseOptions } from "../options.js";

/**
 * Supplies bearer tokens. Ledgerline calls `getToken()` before every attempt and, when the server
 * answers 401, `invalidate(rejectedToken)` then `getToken()` once more and retries once.
 */
export interface TokenProvider {
  /** A valid access token (cached until shortly before it expires). */
  getToken(): Promise<string>;
  /**
   * Forgets the cached token. When `rejectedToken` is given, only forgets it if it is still the cached
   * one, so 50 concurrent 401s cause one refresh, not 50.
   */
  invalidate(rejectedToken?: string): void;
}

/** Signs a request in place (sets `Authorization`), e.g. OAuth 1.0a. Called once per attempt. */
export interface RequestSigner {
  sign(request: SignableRequest): void | Promise<void>;
}

/** What a {@link RequestSigner} sees: the final method, URL, mutable headers and the exact body bytes. */
export interface SignableRequest {
  method: string;
  url: string;
  headers: Headers;
  body: Uint8Array | undefined;
}

/** A freshly issued token. */
export interface IssuedToken {
  accessToken: string;
  /** Lifetime in seconds (`expires_in`); absent when the vendor gives none (Salesforce). */
  expiresInSec?: number | undefined;
}

/** Options of {@link cachedTokenProvider}. */
export interface TokenCacheOptions {
  /** Refresh this long before expiry. @default 60000 */
  expirySkewMs?: number;
  /** Lifetime assumed when the vendor sends no `expires_in`; `undefined` = until a 401 invalidates it. */
  defaultTtlMs?: number;
  /** Clock (tests). @default Date.now */
  now?: () => number;
}

const tokenCacheSchema = optionsObject({
  expirySkewMs: numberAtLeast(0).optional(),
  defaultTtlMs: numberAtLeast(0).optional(),
  now: fnOption().optional(),
});

/**
 * Wraps a token fetcher with a cache (expiry minus skew) and single-flight refresh: however many callers
 * ask at once, one fetch runs and all of them get its result.
 */
export function cachedTokenProvider(
  fetchToken: () => Promise<IssuedToken>,
  options: TokenCacheOptions = {},
): TokenProvider {
  if (typeof fetchToken !== "function") {
    throw new TypeError('cachedTokenProvider: argument "fetchToken" must be a function');
  }
  parseOptions(tokenCacheSchema, options, "cachedTokenProvider");
  const skew = options.expirySkewMs ?? 60_000;
  const now = options.now ?? Date.now;
  let cached: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  return {
    getToken(): Promise<string> {
      if (cached && now() < cached.expiresAt) return Promise.resolve(cached.token);
      if (inflight) return inflight;
      inflight = (async () => {
        try {
          const issued = await fetchToken();
          const lifetime =
            issued.expiresInSec !== undefined && Number.isFinite(issued.expiresInSec)
              ? issued.expiresInSec * 1000
              : (options.defaultTtlMs ?? Number.POSITIVE_INFINITY);
          // Never let the skew eat more than half a short lifetime.
          const ttl = lifetime - Math.min(skew, lifetime / 2);
          cached = { token: issued.accessToken, expiresAt: now() + ttl };
          return issued.accessToken;
        } finally {
          inflight = undefined;
        }
      })();
      return inflight;
    },
    invalidate(rejectedToken?: string): void {
      if (rejectedToken === undefined || cached?.token === rejectedToken) cached = undefined;
    },
  };
}

/** True if `auth` is a {@link RequestSigner} rather than a {@link TokenProvider}. */
export function isRequestSigner(auth: TokenProvider | RequestSigner): auth is RequestSigner {
  return typeof (auth as Partial<RequestSigner>).sign === "function";
}
