import { type KeyObject, randomUUID } from "node:crypto";
import { type JwtAlgorithm, verifyJwt } from "@ledgerline/core";
import type { FakeRequest, FakeResponse } from "@ledgerline/core/testing";

const NETSUITE_ALGORITHMS: readonly JwtAlgorithm[] = ["PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];
const ALGORITHMS = new Set<string>(NETSUITE_ALGORITHMS);
const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** What the fake's token endpoint accepts. */
export interface FakeTokenOptions {
  /** Accepted client id (`iss` of the assertion). @default any */
  clientId?: string;
  /** Accepted certificate id (`kid`). @default any */
  certificateId?: string;
  /** Public key of the certificate: when given, the assertion's signature is verified too. */
  publicKey?: string | KeyObject;
}

/** A client assertion the fake accepted, for tests that inspect what the connector signed. */
export interface AcceptedAssertion {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/**
 * The fake OAuth 2.0 token endpoint (client credentials with a JWT assertion). It checks the assertion's
 * shape — `typ`, `alg` in NetSuite's list, `kid`, `iss`, `scope` containing `rest_webservices`, `aud` equal
 * to the token URL, `exp` no more than 60 minutes after `iat` — and, given the certificate's `publicKey`, its
 * signature. Issued tokens are remembered so record routes can require them.
 */
export class FakeTokenEndpoint {
  readonly issued = new Set<string>();
  readonly assertions: AcceptedAssertion[] = [];

  constructor(private readonly options: FakeTokenOptions = {}) {}

  async handle(request: FakeRequest): Promise<FakeResponse> {
    const form = (request.body ?? {}) as Record<string, string>;
    if (form.grant_type !== "client_credentials" || form.client_assertion_type !== ASSERTION_TYPE) {
      return oauthError("unsupported_grant_type", "Expected client_credentials with a JWT bearer assertion.");
    }
    const parts = String(form.client_assertion ?? "").split(".");
    const header = decode(parts[0]);
    const payload = decode(parts[1]);
    if (parts.length !== 3 || !header || !payload || !parts[2]) {
      return oauthError("invalid_request", "The client assertion is not a signed JWT.");
    }
    const tokenUrl = `${request.url.origin}${request.url.pathname}`;
    const problems: string[] = [];
    if (header.typ !== "JWT") problems.push("header typ must be JWT");
    if (!ALGORITHMS.has(String(header.alg)))
      problems.push("header alg must be PS256/384/512 or ES256/384/512");
    if (typeof header.kid !== "string" || header.kid === "") problems.push("header kid is required");
    if (this.options.certificateId && header.kid !== this.options.certificateId) problems.push("unknown kid");
    if (typeof payload.iss !== "string" || payload.iss === "") problems.push("iss is required");
    if (this.options.clientId && payload.iss !== this.options.clientId) problems.push("unknown client");
    const scopes = String(
      Array.isArray(payload.scope) ? payload.scope.join(" ") : (payload.scope ?? ""),
    ).split(/[\s,]+/);
    if (!scopes.includes("rest_webservices")) problems.push("scope must include rest_webservices");
    if (payload.aud !== tokenUrl) problems.push("aud must be the token URL");
    const iat = Number(payload.iat);
    const exp = Number(payload.exp);
    if (!Number.isFinite(iat) || !Number.isFinite(exp) || exp <= iat || exp - iat > 3600) {
      problems.push("exp must be after iat and at most 60 minutes later");
    }
    if (
      problems.length === 0 &&
      this.options.publicKey &&
      !(await signatureVerifies(parts.join("."), this.options.publicKey))
    ) {
      problems.push("signature does not verify");
    }
    if (problems.length > 0) return oauthError("invalid_grant", problems.join("; "), 400);
    this.assertions.push({ header, payload });
    const token = `fake-ns-${randomUUID()}`;
    this.issued.add(token);
    return { status: 200, body: { access_token: token, token_type: "Bearer", expires_in: 3600 } };
  }

  clear(): void {
    this.issued.clear();
    this.assertions.length = 0;
  }
}

/** Verifies the assertion's signature with jose (through core's `verifyJwt`), NetSuite's algorithms only. */
async function signatureVerifies(assertion: string, publicKey: string | KeyObject): Promise<boolean> {
  try {
    await verifyJwt(assertion, publicKey, NETSUITE_ALGORITHMS);
    return true;
  } catch {
    return false;
  }
}

function decode(part: string | undefined): Record<string, unknown> | undefined {
  if (!part) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function oauthError(error: string, description: string, status = 400): FakeResponse {
  return { status, body: { error, error_description: description } };
}
