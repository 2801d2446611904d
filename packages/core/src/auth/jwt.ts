import { createPrivateKey, createPublicKey, type KeyObject, randomUUID } from "node:crypto";
import { compactVerify, decodeProtectedHeader, SignJWT } from "jose";
import { LedgerlineError } from "../errors.js";

/** JWS algorithms {@link signJwt} supports (RSASSA-PKCS1-v1_5, RSASSA-PSS, ECDSA). */
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

/** Every {@link JwtAlgorithm}, in a stable order. */
export const JWT_ALGORITHMS: readonly JwtAlgorithm[] = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
];

/** Options of {@link signJwt}. */
export interface SignJwtOptions {
  algorithm: JwtAlgorithm;
  /** PEM string (PKCS#8, PKCS#1 or SEC1) or `KeyObject` of the private key. */
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

const EC_CURVES: Partial<Record<JwtAlgorithm, string>> = {
  ES256: "prime256v1",
  ES384: "secp384r1",
  ES512: "secp521r1",
};

/**
 * Why `key` cannot sign with `algorithm`, or `undefined` when it can: parses a PEM string and checks the
 * key type (RSA for the RS and PS algorithms, the matching EC curve for ES). Messages name the problem, never the key.
 */
export function privateKeyProblem(key: unknown, algorithm: JwtAlgorithm): string | undefined {
  let object: KeyObject;
  if (typeof key === "string") {
    try {
      object = createPrivateKey(key);
    } catch {
      return "is not a PEM private key (PKCS#8, PKCS#1 or SEC1)";
    }
  } else if (isKeyObject(key)) {
    object = key;
  } else {
    return "must be a PEM string or a KeyObject";
  }
  if (object.type !== "private") return "must be a private key";
  const type = object.asymmetricKeyType;
  if (algorithm.startsWith("ES")) {
    const curve = object.asymmetricKeyDetails?.namedCurve;
    if (type !== "ec" || curve !== EC_CURVES[algorithm]) {
      return `must be an EC key on curve ${EC_CURVES[algorithm]} for ${algorithm}`;
    }
  } else if (type !== "rsa" && !(algorithm.startsWith("PS") && type === "rsa-pss")) {
    return `must be an RSA key for ${algorithm}`;
  } else if ((object.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    return "must be an RSA key of at least 2048 bits";
  }
  return undefined;
}

function isKeyObject(value: unknown): value is KeyObject {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as KeyObject).export === "function" &&
    typeof (value as KeyObject).type === "string"
  );
}

/** Reads one DER TLV at `offset`: its tag, and where its content starts and ends. */
function derItem(der: Buffer, offset: number): { tag: number; start: number; end: number } {
  const tag = der[offset] ?? 0;
  let length = der[offset + 1] ?? 0;
  let start = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + (der[start + i] ?? 0);
    start += bytes;
  }
  return { tag, start, end: start + length };
}

/**
 * jose signs through WebCrypto, which cannot import an RSA key whose PKCS#8 names the RSASSA-PSS OID
 * (Node's `rsa-pss` key type, e.g. `openssl genpkey -algorithm rsa-pss`). The key material is a plain
 * RSAPrivateKey either way, so such a key is re-read as PKCS#1 from its PKCS#8 `privateKey` octet string.
 */
function asJoseKey(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== "rsa-pss") return key;
  if (key.type === "public") {
    // SPKI: SEQUENCE { AlgorithmIdentifier, BIT STRING (0 unused bits + RSAPublicKey) }
    const spki = key.export({ type: "spki", format: "der" });
    const outer = derItem(spki, 0);
    const algorithm = derItem(spki, outer.start);
    const bits = derItem(spki, algorithm.end);
    return createPublicKey({ key: spki.subarray(bits.start + 1, bits.end), format: "der", type: "pkcs1" });
  }
  const der = key.export({ type: "pkcs8", format: "der" });
  const outer = derItem(der, 0); // SEQUENCE
  const version = derItem(der, outer.start); // INTEGER
  const algorithm = derItem(der, version.end); // SEQUENCE
  const octets = derItem(der, algorithm.end); // OCTET STRING holding RSAPrivateKey
  return createPrivateKey({ key: der.subarray(octets.start, octets.end), format: "der", type: "pkcs1" });
}

/**
 * Parses a private key for `algorithm` into a `KeyObject`.
 * @throws TypeError naming the reason (never the key) when the key cannot sign with `algorithm`
 */
export function toSigningKey(
  key: string | KeyObject,
  algorithm: JwtAlgorithm,
  option = "privateKey",
): KeyObject {
  const problem = privateKeyProblem(key, algorithm);
  if (problem) throw new TypeError(`option "${option}" ${problem}`);
  return asJoseKey(typeof key === "string" ? createPrivateKey(key) : key);
}

/**
 * Signs a compact JWS (RFC 7515) with [jose](https://github.com/panva/jose) — used for OAuth client
 * assertions and JWT-bearer grants (RFC 7523). The header is `{ alg, typ: "JWT", kid? }`; `iat`, `exp`
 * (`iat + expiresInSec`) and a random `jti` are set unless the payload has them.
 *
 * Since 0.1 it returns a promise (jose signs asynchronously); before, it returned the string.
 * @example
 * const assertion = await signJwt({ algorithm: "PS256", privateKey: pem, keyId: "cert-1",
 *   payload: { iss: clientId, aud: tokenUrl, scope: "rest_webservices" } });
 * @throws TypeError when the algorithm is not supported or the key does not fit it
 */
export async function signJwt(options: SignJwtOptions): Promise<string> {
  const alg = options.algorithm;
  if (!JWT_ALGORITHMS.includes(alg)) {
    throw new TypeError(`signJwt: option "algorithm" must be one of ${JWT_ALGORITHMS.join(", ")}`);
  }
  const key = toSigningKey(options.privateKey, alg);
  const nowSec = Math.floor((options.now ?? Date.now)() / 1000);
  const payload = {
    iat: nowSec,
    exp: nowSec + (options.expiresInSec ?? 180),
    jti: randomUUID(),
    ...options.payload,
  };
  return new SignJWT(payload)
    .setProtectedHeader({
      alg,
      typ: "JWT",
      ...(options.keyId ? { kid: options.keyId } : {}),
      ...options.header,
    })
    .sign(key);
}

/** A JWT whose signature verified: its decoded protected header and claims. */
export interface VerifiedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/**
 * Verifies a compact JWS signature with [jose](https://github.com/panva/jose) against a public key (PEM or
 * `KeyObject`, `rsa-pss` keys included), accepting only `algorithms`. Checks the signature only: claims
 * (`exp`, `aud` …) are the caller's to judge (the fakes report each problem by name).
 * @example
 * const { payload } = await verifyJwt(assertion, certificatePem, ["PS256", "ES256"]);
 * @throws LedgerlineError `JWT_INVALID` when the token is malformed, uses another algorithm, or the signature
 * does not verify (jose's error as `cause`)
 */
export async function verifyJwt(
  token: string,
  publicKey: string | KeyObject,
  algorithms: readonly JwtAlgorithm[],
): Promise<VerifiedJwt> {
  const key = asJoseKey(typeof publicKey === "string" ? createPublicKey(publicKey) : publicKey);
  let header: Record<string, unknown>;
  let claims: unknown;
  try {
    header = decodeProtectedHeader(token) as Record<string, unknown>;
    const { payload } = await compactVerify(token, key, { algorithms: [...algorithms] });
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch (cause) {
    throw new LedgerlineError("JWT_INVALID", "JWT signature or format is not valid", { cause });
  }
  if (typeof claims !== "object" || claims === null) {
    throw new LedgerlineError("JWT_INVALID", "JWT claims are not a JSON object");
  }
  return { header, payload: claims as Record<string, unknown> };
}
