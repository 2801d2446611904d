import { generateKeyPairSync, verify } from "node:crypto";
import { jwtVerify } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import {
  AuthError,
  cachedTokenProvider,
  clientCredentialsProvider,
  createHttpClient,
  jwtBearerProvider,
  oauth1Signer,
  refreshTokenProvider,
  signJwt,
  verifyJwt,
} from "../../src/index.js";
import type { paths } from "./paths.js";
import { delay, json, startServer } from "./server.js";

const servers: Awaited<ReturnType<typeof startServer>>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A token endpoint issuing t1, t2, … and an API accepting only the tokens in `valid`. */
async function tokenAndApi(opts: {
  expiresIn?: number;
  valid: (token: string) => boolean;
  tokenDelayMs?: number;
}) {
  let issued = 0;
  const token = await startServer(async (_req, res) => {
    issued++;
    if (opts.tokenDelayMs) await delay(opts.tokenDelayMs);
    json(res, 200, {
      access_token: `t${issued}`,
      token_type: "Bearer",
      ...(opts.expiresIn === undefined ? {} : { expires_in: opts.expiresIn }),
    });
  });
  const api = await startServer((req, res) => {
    const auth = String(req.headers.authorization ?? "");
    if (!opts.valid(auth.replace(/^Bearer /, "")))
      return json(res, 401, [{ errorCode: "INVALID_SESSION_ID" }]);
    json(res, 200, { id: "1", name: auth });
  });
  servers.push(token, api);
  return { token, api, issued: () => issued };
}

describe("token providers in the client", () => {
  it("50 concurrent calls with an expired token make exactly one token request", async () => {
    let now = 1_000_000;
    const { token, api, issued } = await tokenAndApi({
      expiresIn: 3600,
      valid: () => true,
      tokenDelayMs: 20,
    });
    const auth = clientCredentialsProvider({
      tokenUrl: `${token.url}/oauth2/token`,
      clientId: "cid",
      clientSecret: "csecret",
      now: () => now,
    });
    const client = createHttpClient<paths>({
      system: "t",
      baseUrl: api.url,
      auth,
      limits: { maxConcurrency: 50 },
    });
    await client.GET("/items/{id}", { params: { path: { id: "1" } } });
    expect(issued()).toBe(1);
    now += 2 * 3600 * 1000; // token expired
    await Promise.all(
      Array.from({ length: 50 }, () => client.GET("/items/{id}", { params: { path: { id: "1" } } })),
    );
    expect(issued()).toBe(2);
    expect(api.seen.slice(1).every((r) => r.headers.authorization === "Bearer t2")).toBe(true);
    // form-encoded client_secret_post
    expect(new URLSearchParams(token.seen[0]?.body).get("grant_type")).toBe("client_credentials");
    expect(new URLSearchParams(token.seen[0]?.body).get("client_secret")).toBe("csecret");
  });

  it("on 401: invalidates, refreshes once and retries once — even for a POST not marked idempotent", async () => {
    const { token, api, issued } = await tokenAndApi({ valid: (t) => t !== "t1" });
    const auth = refreshTokenProvider({ tokenUrl: token.url, clientId: "cid", refreshToken: "rt-1" });
    const client = createHttpClient<paths>({ system: "salesforce", baseUrl: api.url, auth });
    const { data } = await client.POST("/items", { body: { name: "n" } });
    expect(data).toEqual({ id: "1", name: "Bearer t2" });
    expect(issued()).toBe(2);
    expect(api.seen.map((r) => r.headers.authorization)).toEqual(["Bearer t1", "Bearer t2"]);
    expect(api.seen[0]?.body).toBe(api.seen[1]?.body);
    // no expires_in (Salesforce): t2 stays cached until the next 401
    await client.GET("/items/{id}", { params: { path: { id: "1" } } });
    expect(issued()).toBe(2);
  });

  it("50 concurrent 401s with the same stale token cause one refresh", async () => {
    const { token, api, issued } = await tokenAndApi({ valid: (t) => t !== "t1", tokenDelayMs: 10 });
    const auth = clientCredentialsProvider({ tokenUrl: token.url, clientId: "c", clientSecret: "s" });
    const client = createHttpClient<paths>({
      system: "t",
      baseUrl: api.url,
      auth,
      limits: { maxConcurrency: 50 },
    });
    await auth.getToken(); // t1 cached
    await Promise.all(
      Array.from({ length: 50 }, () => client.GET("/items/{id}", { params: { path: { id: "1" } } })),
    );
    expect(issued()).toBe(2);
    expect(api.seen).toHaveLength(100);
  });

  it("a second 401 after the refresh throws AuthError (refreshes only once)", async () => {
    const { token, api, issued } = await tokenAndApi({ valid: () => false });
    const auth = clientCredentialsProvider({ tokenUrl: token.url, clientId: "c", clientSecret: "s" });
    const client = createHttpClient<paths>({ system: "t", baseUrl: api.url, auth });
    const err = await client.GET("/items/{id}", { params: { path: { id: "1" } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).status).toBe(401);
    expect((err as AuthError).vendorCode).toBe("INVALID_SESSION_ID");
    expect(issued()).toBe(2);
    expect(api.seen).toHaveLength(2);
  });

  it("sends client credentials in HTTP Basic when asked (Workday)", async () => {
    const { token } = await tokenAndApi({ valid: () => true, expiresIn: 3600 });
    const auth = refreshTokenProvider({
      tokenUrl: token.url,
      clientId: "my client",
      clientSecret: "s3cr:t",
      refreshToken: "rt",
      authMethod: "client_secret_basic",
    });
    expect(await auth.getToken()).toBe("t1");
    const seen = token.seen[0];
    expect(seen?.headers.authorization).toBe(`Basic ${Buffer.from("my+client:s3cr%3At").toString("base64")}`);
    const form = new URLSearchParams(seen?.body);
    expect(form.get("grant_type")).toBe("refresh_token");
    expect(form.get("refresh_token")).toBe("rt");
    expect(form.has("client_secret")).toBe(false);
  });

  it("token endpoint errors become AuthError without the secret in the message", async () => {
    const token = await startServer((_req, res) =>
      json(res, 401, { error: "invalid_client", error_description: "bad secret super-secret-value" }),
    );
    servers.push(token);
    const auth = clientCredentialsProvider({
      tokenUrl: token.url,
      clientId: "c",
      clientSecret: "super-secret-value",
    });
    const err = await auth.getToken().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).vendorCode).toBe("invalid_client");
    expect((err as AuthError).message).not.toContain("super-secret-value");
    expect((err as AuthError).bodyExcerpt).not.toContain("super-secret-value");
  });
});

describe("JWT assertions", () => {
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const cases = [
    { alg: "RS256", keys: rsa, verifyKey: () => rsa.publicKey },
    {
      alg: "PS256",
      keys: rsa,
      verifyKey: () => ({ key: rsa.publicKey, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: 32 }),
    },
    { alg: "ES256", keys: ec, verifyKey: () => ({ key: ec.publicKey, dsaEncoding: "ieee-p1363" as const }) },
  ] as const;

  for (const c of cases) {
    it(`${c.alg} assertion verifies with the public key`, async () => {
      const jwt = await signJwt({
        algorithm: c.alg,
        privateKey: c.keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
        keyId: "cert-1",
        payload: {
          iss: "client",
          aud: "https://acct.suitetalk.api.netsuite.com/token",
          scope: "rest_webservices",
        },
        now: () => 1_700_000_000_000,
      });
      const [h, p, s] = jwt.split(".") as [string, string, string];
      const header = JSON.parse(Buffer.from(h, "base64url").toString()) as Record<string, unknown>;
      const payload = JSON.parse(Buffer.from(p, "base64url").toString()) as Record<string, unknown>;
      expect(header).toEqual({ alg: c.alg, typ: "JWT", kid: "cert-1" });
      expect(payload).toMatchObject({ iss: "client", iat: 1_700_000_000, exp: 1_700_000_180 });
      expect(typeof payload.jti).toBe("string");
      const sig = Buffer.from(s, "base64url");
      if (c.alg === "ES256") expect(sig).toHaveLength(64);
      expect(verify("sha256", Buffer.from(`${h}.${p}`), c.verifyKey(), sig)).toBe(true);
      // tampering breaks it
      expect(verify("sha256", Buffer.from(`${h}.${p}x`), c.verifyKey(), sig)).toBe(false);
    });
  }

  it("jose verifies what signJwt signs, for RS, PS and ES keys, and rejects a tampered payload", async () => {
    const ec384 = generateKeyPairSync("ec", { namedCurve: "P-384" });
    for (const [alg, keys] of [
      ["RS384", rsa],
      ["PS512", rsa],
      ["ES256", ec],
      ["ES384", ec384],
    ] as const) {
      const jwt = await signJwt({
        algorithm: alg,
        privateKey: keys.privateKey,
        payload: { iss: "i", aud: "a" },
      });
      const { payload, protectedHeader } = await jwtVerify(jwt, keys.publicKey, {
        algorithms: [alg],
        issuer: "i",
        audience: "a",
      });
      expect(protectedHeader.alg).toBe(alg);
      expect(payload.exp).toBe((payload.iat as number) + 180);
      const [h, , s] = jwt.split(".");
      const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, iss: "x" })).toString("base64url")}.${s}`;
      await expect(jwtVerify(forged, keys.publicKey, { algorithms: [alg] })).rejects.toThrow();
    }
  });

  it("signs PS256 with an rsa-pss key (RSASSA-PSS OID), which WebCrypto cannot import as is", async () => {
    const pss = generateKeyPairSync("rsa-pss", { modulusLength: 2048 });
    const jwt = await signJwt({
      algorithm: "PS256",
      privateKey: pss.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      payload: { iss: "i" },
    });
    const [h, p, s] = jwt.split(".") as [string, string, string];
    const key = { key: pss.publicKey, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: 32 };
    expect(verify("sha256", Buffer.from(`${h}.${p}`), key, Buffer.from(s, "base64url"))).toBe(true);
    // and core's jose-based verifyJwt takes the rsa-pss public key too
    expect((await verifyJwt(jwt, pss.publicKey, ["PS256"])).payload.iss).toBe("i");
    await expect(verifyJwt(jwt, pss.publicKey, ["ES256"])).rejects.toThrow();
    await expect(verifyJwt(`${h}.${p}x.${s}`, pss.publicKey, ["PS256"])).rejects.toThrow();
  });

  it("a garbage or mismatched private key fails at construction naming privateKey, never echoing it", async () => {
    const base = { tokenUrl: "https://example.test/token", issuer: "client" } as const;
    const garbage = "-----BEGIN PRIVATE KEY-----\nnot-a-key-at-all\n-----END PRIVATE KEY-----";
    expect(() => jwtBearerProvider({ ...base, algorithm: "PS256", privateKey: garbage })).toThrow(
      /jwtBearerProvider: option "privateKey" is not a PEM private key/,
    );
    expect(() => jwtBearerProvider({ ...base, algorithm: "PS256", privateKey: garbage })).not.toThrow(
      /not-a-key-at-all/,
    );
    expect(() => jwtBearerProvider({ ...base, algorithm: "ES256", privateKey: rsa.privateKey })).toThrow(
      /option "privateKey" must be an EC key on curve prime256v1 for ES256/,
    );
    expect(() => jwtBearerProvider({ ...base, algorithm: "RS256", privateKey: ec.privateKey })).toThrow(
      /option "privateKey" must be an RSA key/,
    );
    expect(() =>
      jwtBearerProvider({ ...base, algorithm: "HS256" as "RS256", privateKey: rsa.privateKey }),
    ).toThrow(/option "algorithm" must be one of/);
    await expect(signJwt({ algorithm: "ES512", privateKey: ec.privateKey, payload: {} })).rejects.toThrow(
      /curve secp521r1/,
    );
  });

  it("the OAuth providers validate their options at construction", () => {
    expect(() => clientCredentialsProvider({ tokenUrl: "x", clientId: "c", clientSecret: "s" })).toThrow(
      /clientCredentialsProvider: option "tokenUrl" must be an absolute http\(s\) URL/,
    );
    expect(() =>
      clientCredentialsProvider({
        tokenUrl: "https://t.test",
        clientId: "c",
        clientSecret: "s",
        authMethod: "client_secret_jwt" as "client_secret_post",
      }),
    ).toThrow(/option "authMethod" must be one of "client_secret_post", "client_secret_basic"/);
    expect(() =>
      refreshTokenProvider({ tokenUrl: "https://t.test", clientId: "c", refreshToken: "" }),
    ).toThrow(/refreshTokenProvider: option "refreshToken" must be a non-empty string/);
    expect(() =>
      oauth1Signer({
        consumerKey: "k",
        consumerSecret: "s",
        token: "t",
        tokenSecret: "ts",
        signatureMethod: "PLAINTEXT" as "HMAC-SHA1",
      }),
    ).toThrow(/oauth1Signer: option "signatureMethod" must be one of "HMAC-SHA256", "HMAC-SHA1"/);
    expect(() => cachedTokenProvider(async () => ({ accessToken: "a" }), { expirySkewMs: -1 })).toThrow(
      /cachedTokenProvider: option "expirySkewMs"/,
    );
  });

  it("jwtBearerProvider posts a client assertion (NetSuite) or a jwt-bearer grant (Salesforce)", async () => {
    const token = await startServer((_req, res) => json(res, 200, { access_token: "at", expires_in: 3600 }));
    servers.push(token);
    const pem = ec.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    await jwtBearerProvider({
      tokenUrl: token.url,
      algorithm: "ES256",
      privateKey: pem,
      issuer: "client-id",
      keyId: "kid-1",
      scope: "rest_webservices",
    }).getToken();
    const f1 = new URLSearchParams(token.seen[0]?.body);
    expect(f1.get("grant_type")).toBe("client_credentials");
    expect(f1.get("client_assertion_type")).toBe("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    const [h, p, s] = String(f1.get("client_assertion")).split(".") as [string, string, string];
    expect(JSON.parse(Buffer.from(p, "base64url").toString())).toMatchObject({
      iss: "client-id",
      aud: token.url,
      scope: "rest_webservices",
    });
    expect(
      verify(
        "sha256",
        Buffer.from(`${h}.${p}`),
        { key: ec.publicKey, dsaEncoding: "ieee-p1363" },
        Buffer.from(s, "base64url"),
      ),
    ).toBe(true);

    await jwtBearerProvider({
      tokenUrl: token.url,
      mode: "jwt-bearer-grant",
      algorithm: "RS256",
      privateKey: rsa.privateKey,
      issuer: "consumer-key",
      subject: "user@example.com",
      audience: "https://login.salesforce.com",
    }).getToken();
    const f2 = new URLSearchParams(token.seen[1]?.body);
    expect(f2.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    const payload2 = JSON.parse(
      Buffer.from(String(f2.get("assertion")).split(".")[1] as string, "base64url").toString(),
    );
    expect(payload2).toMatchObject({
      iss: "consumer-key",
      sub: "user@example.com",
      aud: "https://login.salesforce.com",
    });
  });
});
