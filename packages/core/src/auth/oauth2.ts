import { fnOption, nonEmptyString, optionsObject, parseOptions } from "../options.js";
import { cachedTokenProvider, type TokenProvider } from "./token-provider.js";
import {
  type ClientAuthMethod,
  requestToken,
  type TokenEndpointOptions,
  tokenEndpointShape,
} from "./token-request.js";

/** Options of {@link clientCredentialsProvider}. */
export interface ClientCredentialsOptions extends TokenEndpointOptions {
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes. */
  scope?: string;
  /** `client_secret_basic` sends the credentials in HTTP Basic (Workday needs it). @default "client_secret_post" */
  authMethod?: ClientAuthMethod;
}

const clientCredentialsSchema = optionsObject({
  ...tokenEndpointShape,
  clientId: nonEmptyString,
  clientSecret: nonEmptyString,
  scope: nonEmptyString.optional(),
});

const refreshTokenSchema = optionsObject({
  ...tokenEndpointShape,
  clientId: nonEmptyString,
  clientSecret: nonEmptyString.optional(),
  refreshToken: nonEmptyString,
  scope: nonEmptyString.optional(),
  onRefreshTokenRotated: fnOption().optional(),
});

/**
 * OAuth 2.0 client-credentials grant (RFC 6749 §4.4) with caching, expiry skew and single-flight refresh.
 * @example
 * const auth = clientCredentialsProvider({ tokenUrl, clientId, clientSecret, authMethod: "client_secret_basic" });
 * @throws TypeError naming the option when an option is invalid
 */
export function clientCredentialsProvider(options: ClientCredentialsOptions): TokenProvider {
  parseOptions(clientCredentialsSchema, options, "clientCredentialsProvider");
  const basic = options.authMethod === "client_secret_basic";
  return cachedTokenProvider(
    () =>
      requestToken(
        options,
        {
          grant_type: "client_credentials",
          ...(options.scope ? { scope: options.scope } : {}),
          ...(basic ? {} : { client_id: options.clientId, client_secret: options.clientSecret }),
        },
        [options.clientSecret],
        basic ? { clientId: options.clientId, clientSecret: options.clientSecret } : undefined,
      ),
    options,
  );
}

/** Options of {@link refreshTokenProvider}. */
export interface RefreshTokenOptions extends TokenEndpointOptions {
  clientId: string;
  /** Omit for public clients. */
  clientSecret?: string;
  /** The long-lived refresh token. */
  refreshToken: string;
  scope?: string;
  /** `client_secret_basic` sends the credentials in HTTP Basic (Workday). @default "client_secret_post" */
  authMethod?: ClientAuthMethod;
  /** Called when the server rotates the refresh token; persist the new one. */
  onRefreshTokenRotated?: (refreshToken: string) => void | Promise<void>;
}

/**
 * OAuth 2.0 refresh-token grant (RFC 6749 §6), following refresh-token rotation.
 * @throws TypeError naming the option when an option is invalid
 */
export function refreshTokenProvider(options: RefreshTokenOptions): TokenProvider {
  parseOptions(refreshTokenSchema, options, "refreshTokenProvider");
  let refreshToken = options.refreshToken;
  const basic = options.authMethod === "client_secret_basic" && options.clientSecret !== undefined;
  return cachedTokenProvider(async () => {
    const form: Record<string, string> = { grant_type: "refresh_token", refresh_token: refreshToken };
    if (options.scope) form.scope = options.scope;
    if (!basic) {
      form.client_id = options.clientId;
      if (options.clientSecret) form.client_secret = options.clientSecret;
    }
    const secrets = [refreshToken, ...(options.clientSecret ? [options.clientSecret] : [])];
    const issued = await requestToken(
      options,
      form,
      secrets,
      basic && options.clientSecret
        ? { clientId: options.clientId, clientSecret: options.clientSecret }
        : undefined,
    );
    if (issued.refreshToken && issued.refreshToken !== refreshToken) {
      refreshToken = issued.refreshToken;
      await options.onRefreshTokenRotated?.(refreshToken);
    }
    return issued;
  }, options);
}
