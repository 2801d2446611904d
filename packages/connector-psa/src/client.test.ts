import { describe, expect, it } from "vitest";
import { createPsaClient, KANTATA_BASE_URL, type PsaClientConfig } from "./client.js";

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TypeError);
    return (e as Error).message;
  }
  throw new Error("expected a TypeError");
}

describe("createPsaClient configuration", () => {
  const provider = { getToken: async () => "t", invalidate: () => {} };

  it("takes auth as an access token or a TokenProvider, and names the option when it is missing", () => {
    expect(messageOf(() => createPsaClient({}))).toMatch(/createPsaClient: option "auth" is required/);
    expect(messageOf(() => createPsaClient({ auth: "  " }))).toMatch(/option "auth"/);
    expect(messageOf(() => createPsaClient({ auth: {} as never }))).toMatch(
      /option "auth" must be an access token .* or a TokenProvider/,
    );
    expect(() => createPsaClient({ auth: provider })).not.toThrow();
    expect(() => createPsaClient({ auth: "t" })).not.toThrow();
  });

  it("still accepts the deprecated token option, but not together with auth", () => {
    expect(() => createPsaClient({ token: "t" })).not.toThrow();
    expect(messageOf(() => createPsaClient({ token: "t", auth: provider }))).toMatch(
      /option "token" is deprecated and cannot be combined with auth/,
    );
  });

  it.each<[string, unknown, RegExp]>([
    ["null", null, /createPsaClient: options must be an object/],
    ["perPage: 201", { auth: "t", perPage: 201 }, /option "perPage" must be an integer from 1 to 200/],
    ["perPage: 0", { auth: "t", perPage: 0 }, /option "perPage"/],
    ["baseUrl: ftp", { auth: "t", baseUrl: "ftp://x" }, /option "baseUrl" must be an absolute http\(s\) URL/],
    ["fetch: 42", { auth: "t", fetch: 42 }, /option "fetch" must be a fetch-compatible function/],
    [
      "limits.maxConcurrency",
      { auth: "t", limits: { maxConcurrency: 1.5 } },
      /option "limits.maxConcurrency"/,
    ],
    ["retry.maxAttempts", { auth: "t", retry: { maxAttempts: 0 } }, /option "retry.maxAttempts"/],
    ["tracer: {}", { auth: "t", tracer: {} }, /option "tracer" must be an OpenTelemetry tracer/],
    ["sensitiveFields", { auth: "t", sensitiveFields: [1] }, /option "sensitiveFields\[0\]"/],
    ["timeoutMs", { auth: "t", timeoutMs: -5 }, /option "timeoutMs"/],
    ["logger", { auth: "t", logger: {} }, /option "logger" must be a pino-compatible logger/],
  ])("%s fails at construction naming the option", (_name, config, pattern) => {
    expect(messageOf(() => createPsaClient(config as PsaClientConfig))).toMatch(pattern);
  });

  it("never echoes a rejected token", () => {
    const message = messageOf(() => createPsaClient({ auth: "tok-123", token: "tok-456" }));
    expect(message).not.toContain("tok-123");
    expect(message).not.toContain("tok-456");
  });

  it("sends the bearer token to the production API root by default, and accepts tracer and sensitiveFields", async () => {
    const seen: Request[] = [];
    const spans: string[] = [];
    const psa = createPsaClient({
      auth: "abc123",
      retry: false,
      sensitiveFields: ["notes"],
      tracer: {
        startSpan: (name: string) => {
          spans.push(name);
          return {
            spanContext: () => ({
              traceId: `${"0".repeat(31)}1`,
              spanId: `${"0".repeat(15)}1`,
              traceFlags: 1,
            }),
            setAttribute: () => undefined,
            setStatus: () => undefined,
            end: () => {},
          };
        },
      },
      fetch: async (request) => {
        seen.push(request);
        return Response.json({
          count: 0,
          meta: { count: 0, page_count: 0, page_number: 1, page_size: 200 },
          results: [],
          users: {},
        });
      },
    });
    const pages = [];
    for await (const page of psa.pages("users")) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(seen[0]?.url).toBe(`${KANTATA_BASE_URL}/users.json?page=1&per_page=200`);
    expect(seen[0]?.headers.get("authorization")).toBe("Bearer abc123");
    expect(spans).toEqual(["kantata GET"]);
  });
});

describe("createKantataFake validates its options at construction", () => {
  it.each<[string, unknown, RegExp]>([
    [
      "faults.rate",
      { faults: { rate: "0.2" } },
      /createKantataFake: option "faults.rate" must be a number from 0 to 1/,
    ],
    ["faults.kinds", { faults: { kinds: { "rate-limit": -1 } } }, /option "faults.kinds/],
    ["tokens", { tokens: 5 }, /option "tokens" must be a token, a list of tokens or a predicate/],
    ["governance", { governance: { maxInFlight: 0 } }, /option "governance.maxInFlight"/],
    ["now", { now: "2026-01-01" }, /option "now" must be a function/],
  ])("%s", async (_name, options, pattern) => {
    const { createKantataFake } = await import("./testing/index.js");
    expect(messageOf(() => createKantataFake(options as never))).toMatch(pattern);
  });
});
