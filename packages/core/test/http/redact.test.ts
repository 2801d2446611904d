import { describe, expect, it } from "vitest";
import {
  createRedactor,
  isRetryable,
  RateLimitError,
  REDACTED,
  redact,
  ValidationError,
} from "../../src/index.js";

describe("redaction rules", () => {
  const r = createRedactor({ sensitiveFields: ["salary", "lines.*.rate", "compensation.amount"] });

  it("redacts credential keys at any depth and configured field paths only where they match", () => {
    const out = r.value({
      client_secret: "x",
      nested: { accessToken: "y", apiKey: "z", password: "p", name: "kept" },
      salary: 100000,
      lines: [{ rate: "150.00", hours: 8 }],
      rate: "not configured at top level",
      compensation: { amount: "90000.00", currency: "EUR" },
      key: "kantata_time-entry_42",
    });
    expect(out).toEqual({
      client_secret: REDACTED,
      nested: { accessToken: REDACTED, apiKey: REDACTED, password: REDACTED, name: "kept" },
      salary: REDACTED,
      lines: [{ rate: REDACTED, hours: 8 }],
      rate: "not configured at top level",
      compensation: { amount: REDACTED, currency: "EUR" },
      key: "kantata_time-entry_42",
    });
  });

  it("redacts free text, form bodies, URLs and headers", () => {
    expect(r.text("Authorization: Bearer abc.def-ghi123 failed")).not.toContain("abc.def-ghi123");
    const form = r.text("grant_type=refresh_token&refresh_token=rt-1&client_id=c");
    expect(form).not.toContain("rt-1");
    expect(form).toContain("client_id=c");
    expect(r.text('{"detail":"bad","salary":5}')).toBe(`{"detail":"bad","salary":"${REDACTED}"}`);
    expect(r.text("-----BEGIN PRIVATE KEY-----\nMIIabc\n-----END PRIVATE KEY-----")).toBe(REDACTED);
    expect(r.text("value 187.50 rejected", ["187.50"])).toBe(`value ${REDACTED} rejected`);
    const url = r.url("https://user:pw@api.example/x?api_key=k1&sig=s&page=2");
    expect(url).not.toContain("k1");
    expect(url).not.toContain("pw");
    expect(url).toContain("page=2");
    expect(r.headers(new Headers({ authorization: "Bearer t", cookie: "c", accept: "json" }))).toEqual({
      authorization: REDACTED,
      cookie: REDACTED,
      accept: "json",
    });
    expect(redact({ token: "t", ok: 1 })).toEqual({ token: REDACTED, ok: 1 });
  });
});

describe("error helpers", () => {
  it("isRetryable reflects the flag; ValidationError is never retryable", () => {
    const rl = new RateLimitError("x", {
      status: 429,
      method: "GET",
      url: "u",
      retryable: true,
      retryAfterMs: 5,
    });
    expect(isRetryable(rl)).toBe(true);
    expect(rl.code).toBe("RATE_LIMITED");
    expect(isRetryable(new ValidationError("bad", [{ path: "a", message: "m" }], { retryable: true }))).toBe(
      false,
    );
    expect(isRetryable(new Error("plain"))).toBe(false);
  });
});
