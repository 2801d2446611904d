import { afterEach, describe, expect, it } from "vitest";
import {
  AbortedError,
  BadRequestError,
  createHttpClient,
  currentCorrelationId,
  HttpError,
  isValidTraceparent,
  NetworkError,
  TimeoutError,
  withCorrelation,
} from "../../src/index.js";
import type { paths } from "./paths.js";
import { delay, json, startServer } from "./server.js";

let server: Awaited<ReturnType<typeof startServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const fast = { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 50 };

describe("createHttpClient basics", () => {
  it("returns typed data and sends X-Correlation-Id and a valid traceparent from the context", async () => {
    server = await startServer((_req, res) => json(res, 200, { id: "7", name: "seven" }));
    const client = createHttpClient<paths>({ system: "test", baseUrl: server.url });
    const { data } = await withCorrelation("corr-123", async () => {
      expect(currentCorrelationId()).toBe("corr-123");
      return client.GET("/items/{id}", { params: { path: { id: "7" }, query: { q: "x" } } });
    });
    expect(data).toEqual({ id: "7", name: "seven" });
    const seen = server.seen[0];
    expect(seen?.url).toBe("/items/7?q=x");
    expect(seen?.headers["x-correlation-id"]).toBe("corr-123");
    const tp = String(seen?.headers.traceparent);
    expect(isValidTraceparent(tp)).toBe(true);
  });

  it("generates a correlation id per request outside a context, and shares the trace id inside one", async () => {
    server = await startServer((_req, res) => json(res, 200, { id: "1", name: "a" }));
    const client = createHttpClient<paths>({ system: "test", baseUrl: server.url });
    await client.GET("/items/{id}", { params: { path: { id: "1" } } });
    await client.GET("/items/{id}", { params: { path: { id: "1" } } });
    const [a, b] = server.seen;
    expect(a?.headers["x-correlation-id"]).toBeTruthy();
    expect(a?.headers["x-correlation-id"]).not.toBe(b?.headers["x-correlation-id"]);
    await withCorrelation(undefined, async () => {
      await client.GET("/items/{id}", { params: { path: { id: "1" } } });
      await client.GET("/items/{id}", { params: { path: { id: "1" } } });
    });
    const [c, d] = server.seen.slice(2);
    const traceOf = (h: unknown) => String(h).split("-")[1];
    expect(traceOf(c?.headers.traceparent)).toBe(traceOf(d?.headers.traceparent));
    expect(String(c?.headers.traceparent).split("-")[2]).not.toBe(
      String(d?.headers.traceparent).split("-")[2],
    );
  });

  it("throws a typed error with status, vendor code, request id, correlation id and parsed issues", async () => {
    server = await startServer((_req, res) =>
      json(
        res,
        400,
        {
          type: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1",
          title: "Bad Request",
          status: 400,
          "o:errorDetails": [
            { detail: "Invalid field value", "o:errorCode": "INVALID_CONTENT", "o:errorPath": "name" },
          ],
        },
        { "x-request-id": "req-9" },
      ),
    );
    const client = createHttpClient<paths>({ system: "netsuite", baseUrl: server.url, retry: fast });
    const err = await withCorrelation("c-1", () =>
      client.PUT("/items/{id}", { params: { path: { id: "1" } }, body: { name: "x" }, idempotent: true }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    const e = err as BadRequestError;
    expect(e.status).toBe(400);
    expect(e.vendorCode).toBe("INVALID_CONTENT");
    expect(e.path).toBe("name");
    expect(e.requestId).toBe("req-9");
    expect(e.correlationId).toBe("c-1");
    expect(e.retryable).toBe(false);
    expect(e.attempts).toBe(1);
    expect(e.issues).toEqual([{ path: "name", message: "Invalid field value", code: "INVALID_CONTENT" }]);
    expect(e.message).toContain("netsuite PUT /items/1 failed with HTTP 400 INVALID_CONTENT");
    expect(server.seen).toHaveLength(1);
  });

  it("lets the vendor parseError hook set code, retryability and class", async () => {
    server = await startServer((_req, res, i) =>
      i === 0
        ? json(res, 400, [{ message: "unable to obtain exclusive access", errorCode: "UNABLE_TO_LOCK_ROW" }])
        : json(res, 200, { id: "1", name: "ok" }),
    );
    const client = createHttpClient<paths>({
      system: "salesforce",
      baseUrl: server.url,
      retry: fast,
      parseError: (_res, text) => {
        const code = (JSON.parse(text) as { errorCode: string }[])[0]?.errorCode;
        return { vendorCode: code, retryable: code === "UNABLE_TO_LOCK_ROW" };
      },
    });
    const { data } = await client.GET("/items/{id}", { params: { path: { id: "1" } } });
    expect(data?.name).toBe("ok");
    expect(server.seen).toHaveLength(2);
  });

  it("maps a per-attempt timeout to TimeoutError and a user abort to AbortedError", async () => {
    server = await startServer(async (_req, res) => {
      await delay(300);
      json(res, 200, { id: "1", name: "late" });
    });
    const client = createHttpClient<paths>({
      system: "test",
      baseUrl: server.url,
      timeoutMs: 30,
      retry: false,
    });
    const t = await client.GET("/items/{id}", { params: { path: { id: "1" } } }).catch((e: unknown) => e);
    expect(t).toBeInstanceOf(TimeoutError);
    expect((t as TimeoutError).retryable).toBe(true);

    const slow = createHttpClient<paths>({ system: "test", baseUrl: server.url, retry: fast });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const a = await slow
      .GET("/items/{id}", { params: { path: { id: "1" } }, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(a).toBeInstanceOf(AbortedError);
    expect(a).not.toBeInstanceOf(TimeoutError);
  });

  it("enforces timeouts in the transport (undici dispatcher) with the same errors: TimeoutError, AbortedError", async () => {
    server = await startServer(async (_req, res) => {
      await delay(4_000);
      json(res, 200, { id: "1", name: "late" });
    });
    await fetch(server.url).catch(() => undefined); // Node's fetch has created its global dispatcher
    const client = createHttpClient<paths>({
      system: "test",
      baseUrl: server.url,
      timeoutMs: 300,
      timeouts: "transport",
      retry: false,
    });
    const started = performance.now();
    const t = await client.GET("/items/{id}", { params: { path: { id: "1" } } }).catch((e: unknown) => e);
    expect(t).toBeInstanceOf(TimeoutError);
    expect((t as TimeoutError).timeoutMs).toBe(300);
    // undici's timers tick once a second: late, but long before the server answers
    expect(performance.now() - started).toBeLessThan(3_500);

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const a = await client
      .GET("/items/{id}", { params: { path: { id: "1" } }, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(a).toBeInstanceOf(AbortedError);
    expect(a).not.toBeInstanceOf(TimeoutError);
  });

  it("maps a refused connection to NetworkError and supports an injected fetch", async () => {
    const client = createHttpClient<paths>({ system: "test", baseUrl: "http://127.0.0.1:1", retry: false });
    const n = await client.GET("/items/{id}", { params: { path: { id: "1" } } }).catch((e: unknown) => e);
    expect(n).toBeInstanceOf(NetworkError);

    const seen: Request[] = [];
    const injected = createHttpClient<paths>({
      system: "test",
      baseUrl: "https://vendor.example",
      fetch: async (r) => {
        seen.push(r);
        return new Response(JSON.stringify({ id: "1", name: "injected" }), {
          headers: { "content-type": "application/json" },
        });
      },
    });
    const { data } = await injected.GET("/items/{id}", { params: { path: { id: "1" } } });
    expect(data?.name).toBe("injected");
    expect(seen[0]?.url).toBe("https://vendor.example/items/1");
    const e = await createHttpClient<paths>({
      system: "test",
      baseUrl: "https://vendor.example",
      retry: false,
      fetch: async () => new Response("oops", { status: 418 }),
    })
      .GET("/items/{id}", { params: { path: { id: "1" } } })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HttpError);
    expect((e as HttpError).status).toBe(418);
  });

  it("validates options with a TypeError naming the option", () => {
    expect(() => createHttpClient<paths>({ system: "", baseUrl: "http://x" })).toThrow(/system/);
    expect(() => createHttpClient<paths>({ system: "s", baseUrl: "nope" })).toThrow(/baseUrl/);
    expect(() =>
      createHttpClient<paths>({ system: "s", baseUrl: "http://x", retry: { maxAttempts: 0 } }),
    ).toThrow(/retry\.maxAttempts/);
    expect(() =>
      createHttpClient<paths>({ system: "s", baseUrl: "http://x", limits: { maxConcurrency: 0 } }),
    ).toThrow(/limits\.maxConcurrency/);
  });

  it("gives openapi-fetch middleware real Request objects and still resends form bodies intact", async () => {
    server = await startServer((req, res) => json(res, 200, { id: "1", name: req.body }));
    const client = createHttpClient<paths>({ system: "test", baseUrl: server.url });
    const seen: unknown[] = [];
    client.use({
      onRequest: ({ request }) => {
        seen.push(request);
      },
    });
    await client.GET("/items/{id}", { params: { path: { id: "1" } } });
    expect(seen[0]).toBeInstanceOf(Request);
    const res = await client.fetch("/items", {
      method: "POST",
      body: new URLSearchParams({ a: "1 2", b: "x&y" }),
      idempotent: true,
    });
    expect(((await res.json()) as { name: string }).name).toBe("a=1+2&b=x%26y");
    expect(server.seen[1]?.headers["content-type"]).toContain("application/x-www-form-urlencoded");
  });

  it("is typed by the openapi-typescript paths (checked by tsc)", () => {
    const client = createHttpClient<paths>({ system: "t", baseUrl: "http://127.0.0.1:9" });
    const typeChecksOnly = () => {
      // @ts-expect-error unknown path
      void client.GET("/nope");
      // @ts-expect-error missing the required path parameter
      void client.GET("/items/{id}", { params: {} });
      // @ts-expect-error body does not match the schema
      void client.POST("/items", { body: { nam: "x" } });
      void client.POST("/items", { body: { name: "x", rate: "1.00" }, idempotent: true, timeoutMs: 5_000 });
    };
    expect(typeof typeChecksOnly).toBe("function");
  });
});
