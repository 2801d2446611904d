import { generateKeyPairSync } from "node:crypto";
import { Limiter, MemoryLedger } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { createNetSuiteClient, type NetSuiteClientConfig } from "../src/index.js";

const base = { accountId: "123456_SB1", auth: { type: "none" } } as const;
const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const pem = rsa.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const m2m = { type: "oauth2-m2m", clientId: "client", certificateId: "cert" } as const;

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TypeError);
    return (e as Error).message;
  }
  throw new Error("expected a TypeError");
}

describe("createNetSuiteClient validates every option at construction", () => {
  it.each<[string, unknown, RegExp]>([
    ["null", null, /createNetSuiteClient: options must be an object/],
    ["fetch: 42", { ...base, fetch: 42 }, /option "fetch" must be a fetch-compatible function/],
    ["ledger: {}", { ...base, ledger: {} }, /option "ledger" must be a Ledger/],
    ["timePolicy: 5", { ...base, timePolicy: 5 }, /option "timePolicy" must be a function/],
    ["expensePolicy: {}", { ...base, expensePolicy: {} }, /option "expensePolicy" must be a function/],
    [
      "environment: Production",
      { ...base, environment: "Production" },
      /option "environment" must be one of "sandbox", "production"/,
    ],
    ["auth missing", { accountId: "1" }, /option "auth"/],
    [
      "auth.type typo",
      { ...base, auth: { type: "oauth2" } },
      /option "auth.type" must name one of the auth types "oauth2-m2m", "tba"/,
    ],
    [
      "auth.clientId",
      { ...base, auth: { ...m2m, clientId: "", privateKey: pem } },
      /option "auth.clientId" must be a non-empty string/,
    ],
    [
      "auth.algorithm",
      { ...base, auth: { ...m2m, privateKey: pem, algorithm: "RS256" } },
      /option "auth.algorithm" must be one of "PS256"/,
    ],
    [
      "auth.scopes",
      { ...base, auth: { ...m2m, privateKey: pem, scopes: ["rest"] } },
      /option "auth.scopes\[0\]"/,
    ],
    [
      "auth.assertionLifetimeSec",
      { ...base, auth: { ...m2m, privateKey: pem, assertionLifetimeSec: 7200 } },
      /option "auth.assertionLifetimeSec" must be an integer from 1 to 3600/,
    ],
    [
      "auth.tokenSecret",
      { ...base, auth: { type: "tba", consumerKey: "k", consumerSecret: "s", tokenId: "t" } },
      /option "auth.tokenSecret"/,
    ],
    [
      "auth.provider",
      { ...base, auth: { type: "token-provider", provider: {} } },
      /option "auth.provider" must be a TokenProvider/,
    ],
    [
      "limits.maxConcurrency",
      { ...base, limits: { maxConcurrency: 0 } },
      /option "limits.maxConcurrency" must be an integer ≥ 1/,
    ],
    ["batchThreshold", { ...base, batchThreshold: -1 }, /option "batchThreshold"/],
    ["batch.pollIntervalMs", { ...base, batch: { pollIntervalMs: "1s" } }, /option "batch.pollIntervalMs"/],
    ["retry.classify", { ...base, retry: { classify: true } }, /option "retry.classify" must be a function/],
    ["hooks", { ...base, hooks: 3 }, /option "hooks" must be an HttpHooks object/],
    [
      "both limits and concurrencyLimit",
      { ...base, concurrencyLimit: 3, limits: { maxConcurrency: 3 } },
      /option "concurrencyLimit" is deprecated and cannot be combined with limits/,
    ],
  ])("%s", (_name, config, pattern) => {
    expect(messageOf(() => createNetSuiteClient(config as NetSuiteClientConfig))).toMatch(pattern);
  });

  it("parses the private key at construction: garbage fails naming auth.privateKey, never echoing it", () => {
    const garbage = "-----BEGIN PRIVATE KEY-----\nZ2FyYmFnZS1rZXktbWF0ZXJpYWw=\n-----END PRIVATE KEY-----";
    const message = messageOf(() => createNetSuiteClient({ ...base, auth: { ...m2m, privateKey: garbage } }));
    expect(message).toMatch(/createNetSuiteClient: option "auth.privateKey" is not a PEM private key/);
    expect(message).not.toContain("Z2FyYmFnZS1rZXktbWF0ZXJpYWw");
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    expect(messageOf(() => createNetSuiteClient({ ...base, auth: { ...m2m, privateKey: ec } }))).toMatch(
      /option "auth.privateKey" must be an RSA key for PS256/,
    );
    expect(() =>
      createNetSuiteClient({ ...base, auth: { ...m2m, privateKey: ec, algorithm: "ES256" } }),
    ).not.toThrow();
    expect(() => createNetSuiteClient({ ...base, auth: { ...m2m, privateKey: pem } })).not.toThrow();
  });

  it("takes the shared connector options: limits (options or a shared Limiter), tracer, sensitiveFields", () => {
    const fromOptions = createNetSuiteClient({ ...base, limits: { maxConcurrency: 15 } });
    expect(fromOptions.http.limiter.maxConcurrency).toBe(15);
    expect(fromOptions.http.limiter.adaptive).toBeDefined();
    const shared = new Limiter({ maxConcurrency: 3 });
    expect(createNetSuiteClient({ ...base, limits: shared }).http.limiter).toBe(shared);
    const legacy = createNetSuiteClient({ ...base, concurrencyLimit: 7 });
    expect(legacy.http.limiter.maxConcurrency).toBe(7);
    expect(() =>
      createNetSuiteClient({
        ...base,
        ledger: new MemoryLedger(),
        sensitiveFields: ["memo"],
        tracer: { startSpan: () => ({}) as never },
        timePolicy: () => undefined,
      }),
    ).not.toThrow();
  });
});

describe("createNetSuiteFake validates its options at construction", () => {
  it.each<[string, unknown, RegExp]>([
    ["faultRate: 2", { faultRate: 2 }, /createNetSuiteFake: option "faultRate" must be a number from 0 to 1/],
    ["faultKinds typo", { faultKinds: ["rate-limited"] }, /option "faultKinds/],
    ["latency", { latency: { minMs: 10, maxMs: 1 } }, /option "latency.maxMs" must be ≥ minMs/],
    ["concurrencyLimit", { concurrencyLimit: 0 }, /option "concurrencyLimit"/],
    ["tba", { tba: { consumerKey: "k" } }, /option "tba.consumerSecret"/],
    ["baseUrl", { baseUrl: "nope" }, /option "baseUrl"/],
  ])("%s", async (_name, options, pattern) => {
    const { createNetSuiteFake } = await import("../src/testing/index.js");
    expect(messageOf(() => createNetSuiteFake(options as never))).toMatch(pattern);
  });
});
