import { constants, createPrivateKey, sign as cryptoSign, type KeyObject, randomUUID } from "node:crypto";

/** JWS algorithms {@link signJwt} supports (node:crypto underneath). */
export type JwtAlgorithm =
  | "RS256"
  | "RS384"
  | "RS512"
  | "PS256"
  | "PS384"
  | "PS512"
  | "ES256"
  | "ES384"
  | "ES512";

/** Options of {@link signJwt}. */
export interface SignJwtOptions {
  algorithm: JwtAlgorithm;
  /** PEM string or `KeyObject` of the private key. */
  privateKey: string | KeyObject;
  /** Claims; `iat`, `exp` and `jti` are added unless present. */
  payload: Record<string, unknown>;
  /** Key id (`kid`), e.g. the NetSuite certificate id. */
  keyId?: string;
  /** Extra header fields. */
  header?: Record<string, unknown>;
  /** Lifetime when `exp` is not in the payload. @default 180 (Salesforce allows ≤ 3 min) */
  expiresInSec?: number;
  /** Clock in milliseconds (tests). @default Date.now */
  now?: () => number;
}

function b64url(input: Buffer | string): string {
  return Buffer.from(input).toString("base64url");
}

const HASH: Record<JwtAlgorithm, string> = {
  RS256: "sha256",
  RS384: "sha384",
  RS512: "sha512",
  PS256: "sha256",
  PS384: "sha384",
  PS512: "sha512",
  ES256: "sha256",
  ES384: "sha384",
  ES512: "sha512",
};

/**
 * Signs a compact JWS (RFC 7515) — used for OAuth client assertions and JWT-bearer grants (RFC 7523).
 * ECDSA signatures use the JOSE `r‖s` encoding; PSS uses a salt as long as the hash.
 */
export function signJwt(options: SignJwtOptions): string {
  const alg = options.algorithm;
  const hash = HASH[alg];
  if (!hash)
    throw new TypeError(`algorithm must be one of ${Object.keys(HASH).join(", ")}, got ${String(alg)}`);
  const key =
    typeof options.privateKey === "string" ? createPrivateKey(options.privateKey) : options.privateKey;
  const nowSec = Math.floor((options.now ?? Date.now)() / 1000);
  const header = { alg, typ: "JWT", ...(options.keyId ? { kid: options.keyId } : {}), ...options.header };
  const payload = {
    iat: nowSec,
    exp: nowSec + (options.expiresInSec ?? 180),
    jti: randomUUID(),
    ...options.payload,
  };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = alg.startsWith("PS")
    ? cryptoSign(hash, Buffer.from(signingInput), {
        key,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
      })
    : alg.startsWith("ES")
      ? cryptoSign(hash, Buffer.from(signingInput), { key, dsaEncoding: "ieee-p1363" })
      : cryptoSign(hash, Buffer.from(signingInput), key);
  return `${signingInput}.${b64url(signature)}`;
}
