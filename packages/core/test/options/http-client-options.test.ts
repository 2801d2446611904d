import { describe, expect, expectTypeOf, it } from "vitest";
import {
  AdaptiveConcurrency,
  createHttpClient,
  createJsonLogger,
  createRedactor,
  type HttpClientOptions,
  type HttpResult,
  idempotencyKey,
  Limiter,
  RetryBudget,
} from "../../src/index.js";
import type { paths } from "../http/paths.js";

const base = { system: "records", baseUrl: "http://127.0.0.1:1" } as const;

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TypeError);
    return (e as Error).message;
  }
  throw new Error("expected a TypeError");
}

describe("createHttpClient option validation", () => {
  it.each<[string, unknown, RegExp]>([
    ["options null", null, /createHttpClient: options must be an object/],
    ["fetch: 42", { ...base, fetch: 42 }, /option "fetch" must be a fetch-compatible function/],
    ["auth: {}", { ...base, auth: {} }, /option "auth" must be a TokenProvider .* or a RequestSigner/],
    [
      "logger: console.log",
      { ...base, logger: () => {} },
      /option "logger" must be a pino-compatible logger/,
    ],
    ["tracer: {}", { ...base, tracer: {} }, /option "tracer" must be an OpenTelemetry tracer/],
    ["timeoutMs: -1", { ...base, timeoutMs: -1 }, /option "timeoutMs" must be a finite number ≥ 0/],
    ["timeoutMs: NaN", { ...base, timeoutMs: Number.NaN }, /option "timeoutMs"/],
    [
      "retry.jitter: 2",
      { ...base, retry: { jitter: 2 } },
      /option "retry.jitter" must be a number from 0 to 1/,
    ],
    [
      "retry.retryableStatuses",
      { ...base, retry: { retryableStatuses: [429, 99] } },
      /"retry.retryableStatuses\[1\]"/,
    ],
    ["retry: true", { ...base, retry: true }, /option "retry" must be retry options or false/],
    ["limits: 5", { ...base, limits: 5 }, /option "limits" must be a Limiter or limiter options/],
    [
      "limits.maxConcurrency",
      { ...base, limits: { maxConcurrency: 0 } },
      /option "limits.maxConcurrency" must be an integer ≥ 1/,
    ],
    ["hooks.onRetry", { ...base, hooks: { onRetry: "x" } }, /option "hooks.onRetry" must be a function/],
    ["headers", { ...base, headers: { a: 1 } }, /option "headers.a"/],
    ["sensitiveFields", { ...base, sensitiveFields: "rate" }, /option "sensitiveFields" must be an array/],
    ["baseUrl", { ...base, baseUrl: "ftp://host" }, /option "baseUrl" must be an absolute http\(s\) URL/],
    ["system", { ...base, system: "" }, /option "system" must be a non-empty string/],
  ])("%s fails at construction naming the option", (_name, options, pattern) => {
    expect(messageOf(() => createHttpClient<paths>(options as HttpClientOptions))).toMatch(pattern);
  });

  it("never echoes the bad value", () => {
    const secret = "s3cr3t-value-that-must-not-leak";
    const message = messageOf(() =>
      createHttpClient<paths>({ ...base, baseUrl: secret, headers: { authorization: 7 } } as never),
    );
    expect(message).toMatch(/"baseUrl"/);
    expect(message).not.toContain(secret);
  });

  it("accepts a shared Limiter and every valid option", () => {
    const client = createHttpClient<paths>({
      ...base,
      fetch: async () => Response.json({}),
      limits: new Limiter({ maxConcurrency: 2 }),
      retry: { maxAttempts: 2, budget: false },
      timeoutMs: 0,
      hooks: [{ onRetry: () => {} }],
      headers: { accept: "application/json" },
      sensitiveFields: ["rate"],
      requestIdHeaders: ["x-request-id"],
    });
    expect(client.limiter.maxConcurrency).toBe(2);
  });
});

describe("typed results", () => {
  it("types data as present (non-2xx throws) and resolves with it", async () => {
    const client = createHttpClient<paths>({
      ...base,
      retry: false,
      fetch: async () => Response.json({ id: "1", name: "one" }),
    });
    const result = await client.GET("/items/{id}", { params: { path: { id: "1" } } });
    expectTypeOf(result).toEqualTypeOf<HttpResult<{ id: string; name: string }>>();
    expectTypeOf(result.data).toEqualTypeOf<{ id: string; name: string }>();
    expect(result.data.name).toBe("one");
    const viaRequest = await client.request("get", "/items/{id}", { params: { path: { id: "1" } } });
    expectTypeOf(viaRequest.data).toEqualTypeOf<{ id: string; name: string }>();
    expect(viaRequest.data.id).toBe("1");
  });
});

describe("createFakeApi validates its options at construction", () => {
  it.each<[string, unknown, RegExp]>([
    ["no routes", { spec: "x.yaml" }, /createFakeApi: option "routes"/],
    [
      "faults.rate",
      { spec: "x.yaml", routes: {}, faults: { rate: 1.5 } },
      /option "faults.rate" must be a number from 0 to 1/,
    ],
    ["faults.kinds", { spec: "x.yaml", routes: {}, faults: { kinds: ["503"] } }, /option "faults.kinds/],
    ["governance", { spec: "x.yaml", routes: {}, governance: {} }, /option "governance.maxInFlight"/],
    ["seed", { spec: "x.yaml", routes: {}, seed: -1 }, /option "seed"/],
  ])("%s", async (_name, options, pattern) => {
    const { createFakeApi } = await import("../../src/testing/index.js");
    expect(messageOf(() => createFakeApi(options as never))).toMatch(pattern);
  });
});

describe("core's other constructors validate their options", () => {
  it.each<[string, () => unknown, RegExp]>([
    [
      "Limiter",
      () => new Limiter({ maxConcurrency: 2.5 }),
      /Limiter: option "maxConcurrency" must be an integer ≥ 1/,
    ],
    [
      "Limiter.ratePerInterval",
      () => new Limiter({ ratePerInterval: { limit: 1, intervalMs: 0 } }),
      /option "ratePerInterval.intervalMs"/,
    ],
    ["RetryBudget", () => new RetryBudget({ capacity: -1 }), /RetryBudget: option "capacity"/],
    [
      "AdaptiveConcurrency",
      () => new AdaptiveConcurrency(0),
      /AdaptiveConcurrency: argument "ceiling" must be an integer ≥ 1/,
    ],
    [
      "createRedactor",
      () => createRedactor({ sensitiveFields: "rate" as never }),
      /createRedactor: option "sensitiveFields"/,
    ],
    [
      "createJsonLogger",
      () => createJsonLogger({ level: "verbose" as never }),
      /createJsonLogger: option "level" must be one of "trace"/,
    ],
    [
      "idempotencyKey",
      () => idempotencyKey({ system: "a", type: "b", id: 1 }, { maxLength: 8 }),
      /idempotencyKey: option "maxLength" must be an integer ≥ 32/,
    ],
  ])("%s", (_name, make, pattern) => {
    expect(messageOf(make)).toMatch(pattern);
  });
});
