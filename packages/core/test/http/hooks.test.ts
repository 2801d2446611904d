import { trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import {
  createHttpClient,
  type HttpHooks,
  isValidTraceparent,
  type RequestEndEvent,
  type SpanLike,
  type TracerLike,
} from "../../src/index.js";
import type { paths } from "./paths.js";
import { json, startServer } from "./server.js";

describe("hooks and OpenTelemetry", () => {
  it("emits start / retry / rate-limited / end with durations", async () => {
    const server = await startServer((_req, res, i) =>
      i === 0 ? json(res, 429, {}, { "retry-after-ms": "20" }) : json(res, 200, { id: "1", name: "ok" }),
    );
    const events: { type: string; e: Record<string, unknown> }[] = [];
    const hooks: HttpHooks = {
      onRequestStart: (e) => events.push({ type: "start", e: { ...e } }),
      onRetry: (e) => events.push({ type: "retry", e: { ...e } }),
      onRateLimited: (e) => events.push({ type: "rate-limited", e: { ...e } }),
      onRequestEnd: (e) => events.push({ type: "end", e: { ...e } }),
    };
    try {
      const client = createHttpClient<paths>({
        system: "kantata",
        baseUrl: server.url,
        hooks: [
          hooks,
          {
            onRequestEnd: () => {
              throw new Error("a broken hook is ignored");
            },
          },
        ],
        retry: { baseDelayMs: 1 },
      });
      await client.GET("/items/{id}", { params: { path: { id: "1" } } });
    } finally {
      await server.close();
    }
    expect(events.map((x) => x.type)).toEqual(["start", "rate-limited", "retry", "end"]);
    const end = events[3]?.e as unknown as RequestEndEvent;
    expect(end).toMatchObject({
      system: "kantata",
      method: "GET",
      status: 200,
      attempts: 2,
      error: undefined,
    });
    expect(end.durationMs).toBeGreaterThanOrEqual(19);
    expect(events[2]?.e.delayMs).toBe(20);
    expect(typeof events[2]?.e.durationMs).toBe("number");
  });

  it("a tracer gets one CLIENT span per request and its context becomes the traceparent", async () => {
    // the real @opentelemetry/api tracer satisfies TracerLike (type check)
    const real: TracerLike = trace.getTracer("ledgerline-test");
    expect(typeof real.startSpan).toBe("function");

    const spans: { name: string; attrs: Record<string, unknown>; ended: boolean; status?: unknown }[] = [];
    const tracer: TracerLike = {
      startSpan(name, options) {
        const rec = {
          name,
          attrs: { ...options?.attributes, kind: options?.kind } as Record<string, unknown>,
          ended: false,
          status: undefined as unknown,
        };
        spans.push(rec);
        const span: SpanLike = {
          spanContext: () => ({
            traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
            spanId: "00f067aa0ba902b7",
            traceFlags: 1,
          }),
          setAttribute: (k, v) => {
            rec.attrs[k] = v;
          },
          setStatus: (s) => {
            rec.status = s;
          },
          end: () => {
            rec.ended = true;
          },
        };
        return span;
      },
    };
    const server = await startServer((_req, res, i) =>
      i === 0 ? json(res, 200, { id: "1", name: "ok" }) : json(res, 404, {}),
    );
    try {
      const client = createHttpClient<paths>({ system: "netsuite", baseUrl: server.url, tracer });
      await client.GET("/items/{id}", { params: { path: { id: "1" } } });
      await client.GET("/items/{id}", { params: { path: { id: "2" } } }).catch(() => undefined);
      expect(server.seen[0]?.headers.traceparent).toBe(
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      );
    } finally {
      await server.close();
    }
    expect(spans).toHaveLength(2);
    expect(spans[0]).toMatchObject({ name: "netsuite GET", ended: true });
    expect(spans[0]?.attrs).toMatchObject({
      kind: 2,
      "http.request.method": "GET",
      "http.response.status_code": 200,
    });
    expect(spans[1]?.attrs["error.type"]).toBe("NOT_FOUND");
    expect(spans[1]?.status).toEqual({ code: 2, message: "NOT_FOUND" });
  });

  it("without an SDK the no-op tracer is ignored and a generated traceparent is sent", async () => {
    const server = await startServer((_req, res) => json(res, 200, { id: "1", name: "ok" }));
    try {
      const client = createHttpClient<paths>({
        system: "t",
        baseUrl: server.url,
        tracer: trace.getTracer("noop"),
      });
      await client.GET("/items/{id}", { params: { path: { id: "1" } } });
      expect(isValidTraceparent(String(server.seen[0]?.headers.traceparent))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
