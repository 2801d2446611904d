import { describe, expect, it } from "vitest";
import { parseNetSuiteError } from "./errors.js";

const response = (status: number) => new Response(null, { status });
const body = (status: number, code: string, path?: string) =>
  JSON.stringify({
    type: "x",
    title: "t",
    status,
    "o:errorDetails": [
      { detail: `detail of ${code}`, "o:errorCode": code, ...(path ? { "o:errorPath": path } : {}) },
    ],
  });

describe("parseNetSuiteError", () => {
  it("maps 429 CONCURRENCY_LIMIT_EXCEEDED to a retryable rate limit", () => {
    expect(parseNetSuiteError(response(429), body(429, "CONCURRENCY_LIMIT_EXCEEDED"))).toMatchObject({
      vendorCode: "CONCURRENCY_LIMIT_EXCEEDED",
      kind: "rate-limit",
      retryable: true,
    });
  });

  it("treats a concurrency code as a rate limit even under another status, and a malformed 429 body too", () => {
    expect(parseNetSuiteError(response(400), body(400, "CONCURRENCY_LIMIT_EXCEEDED"))?.kind).toBe(
      "rate-limit",
    );
    const malformed =
      '{"title":"Bad Request","status":429,"o:errorDetails":[{"detail":"x","o:errorCode":"CONCURRENCY_LIMIT_EXCEEDED"},]';
    expect(parseNetSuiteError(response(429), malformed)).toMatchObject({
      vendorCode: "CONCURRENCY_LIMIT_EXCEEDED",
      retryable: true,
    });
    expect(parseNetSuiteError(response(429), "not json at all")).toMatchObject({
      kind: "rate-limit",
      retryable: true,
    });
  });

  it("keeps o:errorCode and o:errorPath of a content error, not retryable", () => {
    expect(parseNetSuiteError(response(400), body(400, "INVALID_CONTENT", "hours"))).toEqual({
      vendorCode: "INVALID_CONTENT",
      message: "detail of INVALID_CONTENT",
      path: "hours",
      issues: [{ path: "hours", message: "detail of INVALID_CONTENT", code: "INVALID_CONTENT" }],
      kind: "validation",
      retryable: false,
    });
  });

  it.each([
    ["INVALID_LOGIN", 401, "auth"],
    ["NONEXISTENT_ID", 404, "not-found"],
    ["IDEMPOTENCY_ERROR", 400, "conflict"],
  ] as const)("classifies %s", (code, status, kind) => {
    expect(parseNetSuiteError(response(status), body(status, code))?.kind).toBe(kind);
  });

  it("leaves UNEXPECTED_ERROR to the status (retryable 5xx)", () => {
    const parsed = parseNetSuiteError(response(500), body(500, "UNEXPECTED_ERROR"));
    expect(parsed?.kind).toBeUndefined();
    expect(parsed?.retryable).toBeUndefined();
  });
});
