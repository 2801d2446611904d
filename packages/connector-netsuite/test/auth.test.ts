import { createHmac, generateKeyPairSync } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createNetSuiteClient } from "../src/index.js";
import { createNetSuiteFake, type NetSuiteFake } from "../src/testing/index.js";
import { ctx, timeEntry } from "./fixtures.js";

let fake: NetSuiteFake;
afterEach(async () => {
  fake.assertNoViolations();
  await fake.close();
});

describe("OAuth 2.0 client credentials (M2M) with a JWT assertion", () => {
  it.each(["PS256", "ES256"] as const)(
    "signs a %s assertion NetSuite accepts and caches the token",
    async (algorithm) => {
      const { privateKey, publicKey } =
        algorithm === "PS256"
          ? generateKeyPairSync("rsa-pss", { modulusLength: 2048 })
          : generateKeyPairSync("ec", { namedCurve: "P-256" });
      fake = createNetSuiteFake({
        requireAuth: true,
        token: { clientId: "client-1", certificateId: "cert-1", publicKey },
      });
      const netsuite = createNetSuiteClient({
        accountId: "123456_SB1",
        baseUrl: fake.baseUrl,
        fetch: fake.fetch,
        masterData: ctx,
        auth: {
          type: "oauth2-m2m",
          clientId: "client-1",
          certificateId: "cert-1",
          privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
          algorithm,
        },
      });
      const report = await netsuite.postTime([timeEntry("1"), timeEntry("2"), timeEntry("3")]);
      expect(report.results[0]?.reason).toBeUndefined();
      expect(fake.records("timeBill")).toHaveLength(3);
      expect(fake.api.calls("POST /auth/oauth2/v1/token")).toBe(1);
      const [assertion] = fake.assertions;
      expect(assertion?.header).toMatchObject({ typ: "JWT", alg: algorithm, kid: "cert-1" });
      expect(assertion?.payload).toMatchObject({
        iss: "client-1",
        scope: "rest_webservices",
        aud: `${fake.baseUrl}/auth/oauth2/v1/token`,
      });
      const { iat, exp } = assertion!.payload as { iat: number; exp: number };
      expect(exp - iat).toBeLessThanOrEqual(3600);
    },
  );

  it("is refused when the assertion is signed with another key", async () => {
    const signer = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const other = generateKeyPairSync("ec", { namedCurve: "P-256" });
    fake = createNetSuiteFake({ requireAuth: true, token: { publicKey: other.publicKey } });
    const netsuite = createNetSuiteClient({
      accountId: "123456_SB1",
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
      auth: {
        type: "oauth2-m2m",
        clientId: "c",
        certificateId: "k",
        algorithm: "ES256",
        privateKey: signer.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      },
    });
    await expect(netsuite.governanceLimits()).rejects.toMatchObject({ name: "AuthError", status: 400 });
  });

  it("refuses an assertion lifetime above 60 minutes at construction", () => {
    fake = createNetSuiteFake();
    expect(() =>
      createNetSuiteClient({
        accountId: "1",
        auth: {
          type: "oauth2-m2m",
          clientId: "c",
          certificateId: "k",
          privateKey: "pem",
          assertionLifetimeSec: 7200,
        },
      }),
    ).toThrow(/assertionLifetimeSec/);
  });

  it("surfaces INVALID_LOGIN as an AuthError when no valid credentials are sent", async () => {
    fake = createNetSuiteFake({ requireAuth: true });
    const netsuite = createNetSuiteClient({
      accountId: "1",
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
      auth: { type: "none" },
    });
    await expect(netsuite.governanceLimits()).rejects.toMatchObject({
      name: "AuthError",
      status: 401,
      vendorCode: "INVALID_LOGIN",
    });
  });
});

/** An independent RFC 5849 check of the header core's signer produced, query parameters included. */
function verifyOAuth1(request: Request, consumerSecret: string, tokenSecret: string): boolean {
  const header = request.headers.get("authorization") ?? "";
  const fields = Object.fromEntries(
    [...header.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, decodeURIComponent(m[2]!)]),
  );
  const url = new URL(request.url);
  const enc = (s: string) =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const params: [string, string][] = [...url.searchParams.entries()];
  for (const [k, v] of Object.entries(fields))
    if (k.startsWith("oauth_") && k !== "oauth_signature") params.push([k, v]);
  const normalized = params
    .map(([k, v]) => [enc(k), enc(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const base = [request.method.toUpperCase(), enc(`${url.origin}${url.pathname}`), enc(normalized)].join("&");
  const expected = createHmac("sha256", `${enc(consumerSecret)}&${enc(tokenSecret)}`)
    .update(base)
    .digest("base64");
  return fields.oauth_signature === expected;
}

describe("token-based authentication (TBA)", () => {
  it("signs with HMAC-SHA256, the account realm, and the query parameters", async () => {
    const tba = { consumerKey: "ck", consumerSecret: "cs", tokenId: "tk", tokenSecret: "ts" };
    fake = createNetSuiteFake({ requireAuth: true, tba });
    const seen: Request[] = [];
    const netsuite = createNetSuiteClient({
      accountId: "123456-sb1",
      baseUrl: fake.baseUrl,
      fetch: async (request) => {
        seen.push(request.clone());
        return fake.fetch(request);
      },
      auth: { type: "tba", consumerKey: "ck", consumerSecret: "cs", tokenId: "tk", tokenSecret: "ts" },
      masterData: ctx,
    });
    expect(await netsuite.postTimeEntry(timeEntry("1"))).toMatchObject({ status: "written" });
    await netsuite.suiteql.all({ q: "SELECT id FROM timebill WHERE id > ?", params: [0] }, { pageSize: 7 });
    const query = seen.find((r) => r.url.includes("/query/v1/suiteql"))!;
    expect(new URL(query.url).searchParams.get("limit")).toBe("7");
    const header = query.headers.get("authorization")!;
    expect(header).toMatch(/^OAuth realm="123456_SB1"/);
    expect(header).toContain('oauth_signature_method="HMAC-SHA256"');
    for (const request of seen) expect(verifyOAuth1(request, "cs", "ts")).toBe(true);
    expect(verifyOAuth1(query, "cs", "wrong")).toBe(false);
  });

  it("is refused by the fake with INVALID_LOGIN when the secret is wrong", async () => {
    fake = createNetSuiteFake({
      requireAuth: true,
      tba: { consumerKey: "ck", consumerSecret: "cs", tokenId: "tk", tokenSecret: "ts" },
    });
    const netsuite = createNetSuiteClient({
      accountId: "123456_SB1",
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
      auth: { type: "tba", consumerKey: "ck", consumerSecret: "cs", tokenId: "tk", tokenSecret: "not-ts" },
    });
    await expect(netsuite.suiteql.all({ q: "SELECT id FROM employee", params: [] })).rejects.toMatchObject({
      name: "AuthError",
      vendorCode: "INVALID_LOGIN",
    });
  });

  it("names a missing TBA option", () => {
    fake = createNetSuiteFake();
    expect(() =>
      createNetSuiteClient({
        accountId: "1",
        auth: { type: "tba", consumerKey: "ck", consumerSecret: "", tokenId: "t", tokenSecret: "s" },
      }),
    ).toThrow(/auth\.consumerSecret/);
  });
});
