/**
 * Optional OpenTelemetry integration. Structural types only, so `@opentelemetry/api` stays an optional
 * peer: pass `trace.getTracer("my-app")` as the client's `tracer` option and every logical request gets
 * a CLIENT span whose context is sent as the W3C `traceparent`.
 */

/** The subset of an OpenTelemetry `SpanContext` Ledgerline reads. */
export interface SpanContextLike {
  traceId: string;
  spanId: string;
  traceFlags: number;
}

/** The subset of an OpenTelemetry `Span` Ledgerline uses. */
export interface SpanLike {
  spanContext(): SpanContextLike;
  setAttribute(key: string, value: string | number | boolean): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}

/** The subset of an OpenTelemetry `Tracer` Ledgerline uses (`trace.getTracer(name)` satisfies it). */
export interface TracerLike {
  startSpan(
    name: string,
    options?: { kind?: number; attributes?: Record<string, string | number | boolean> },
  ): SpanLike;
}

/** `SpanKind.CLIENT` in `@opentelemetry/api`. */
const SPAN_KIND_CLIENT = 2;
/** `SpanStatusCode.ERROR` in `@opentelemetry/api`. */
const SPAN_STATUS_ERROR = 2;

/** Starts the CLIENT span of one logical request. */
export function startRequestSpan(
  tracer: TracerLike,
  attrs: { system: string; method: string; url: string; correlationId: string },
): SpanLike {
  return tracer.startSpan(`${attrs.system} ${attrs.method}`, {
    kind: SPAN_KIND_CLIENT,
    attributes: {
      "http.request.method": attrs.method,
      "url.full": attrs.url,
      "ledgerline.system": attrs.system,
      "ledgerline.correlation_id": attrs.correlationId,
    },
  });
}

/** Ends a request span with its outcome. */
export function endRequestSpan(
  span: SpanLike,
  outcome: { status: number | undefined; attempts: number; errorCode?: string | undefined },
): void {
  if (outcome.status !== undefined) span.setAttribute("http.response.status_code", outcome.status);
  span.setAttribute("ledgerline.attempts", outcome.attempts);
  if (outcome.errorCode !== undefined) {
    span.setAttribute("error.type", outcome.errorCode);
    span.setStatus({ code: SPAN_STATUS_ERROR, message: outcome.errorCode });
  }
  span.end();
}

/** The `traceparent` for a span's context, or `undefined` if the span is not recording a valid context. */
export function traceparentOf(span: SpanLike): string | undefined {
  const c = span.spanContext();
  if (!/^[0-9a-f]{32}$/.test(c.traceId) || /^0+$/.test(c.traceId)) return undefined;
  if (!/^[0-9a-f]{16}$/.test(c.spanId) || /^0+$/.test(c.spanId)) return undefined;
  return `00-${c.traceId}-${c.spanId}-${(c.traceFlags & 1) === 1 ? "01" : "00"}`;
}
