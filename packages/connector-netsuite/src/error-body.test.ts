import { describe, expect, it } from "vitest";
import { parseErrorBody } from "./error-body.js";

describe("parseErrorBody", () => {
  it("reads a well-formed NetSuite error body", () => {
    const body = JSON.stringify({
      type: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1",
      title: "Bad Request",
      status: 400,
      "o:errorDetails": [
        { detail: "Invalid value for hours.", "o:errorCode": "INVALID_CONTENT", "o:errorPath": "hours" },
        { detail: "Second problem.", "o:errorCode": "USER_ERROR" },
      ],
    });
    expect(parseErrorBody(body)).toEqual({
      title: "Bad Request",
      status: 400,
      malformed: false,
      details: [
        { detail: "Invalid value for hours.", errorCode: "INVALID_CONTENT", errorPath: "hours" },
        { detail: "Second problem.", errorCode: "USER_ERROR", errorPath: undefined },
      ],
    });
  });

  it("recovers code and detail from a malformed 429 body like Oracle's sample", () => {
    const body = `{
      "type":"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1",
      "title":"Bad Request",
      "status":429,
      "o:errorDetails":[{"detail":"Concurrent request limit exceeded. Request blocked.",
      "o:errorCode":"CONCURRENCY_LIMIT_EXCEEDED"},]`;
    const parsed = parseErrorBody(body);
    expect(parsed.malformed).toBe(true);
    expect(parsed.status).toBe(429);
    expect(parsed.title).toBe("Bad Request");
    expect(parsed.details).toEqual([
      {
        detail: "Concurrent request limit exceeded. Request blocked.",
        errorCode: "CONCURRENCY_LIMIT_EXCEEDED",
        errorPath: undefined,
      },
    ]);
  });

  it("returns no details for empty, HTML or non-object bodies without throwing", () => {
    expect(parseErrorBody("")).toEqual({ details: [], malformed: false });
    expect(parseErrorBody(undefined).details).toEqual([]);
    expect(parseErrorBody("<html>Service Unavailable</html>").details).toEqual([]);
    expect(parseErrorBody("[1,2]").details).toEqual([]);
    expect(parseErrorBody('{"o:errorDetails": "nope"}').details).toEqual([]);
  });
});
