import { describe, expect, it } from "vitest";
import { parseKantataError } from "./kantata-error.js";

const respond = (status: number) => new Response(null, { status });

describe("parseKantataError", () => {
  it("reads every error of a Kantata body with type, message and field", () => {
    const body = JSON.stringify({
      errors: [
        { type: "validation", message: "Time in minutes must be greater than 0", field: "time_in_minutes" },
        { type: "validation", message: "Date performed can't be blank", field: "date_performed" },
      ],
    });
    expect(parseKantataError(respond(422), body)).toEqual({
      vendorCode: "validation",
      message: "Time in minutes must be greater than 0; Date performed can't be blank",
      path: "time_in_minutes",
      kind: "validation",
      issues: [
        { path: "time_in_minutes", message: "Time in minutes must be greater than 0", code: "validation" },
        { path: "date_performed", message: "Date performed can't be blank", code: "validation" },
      ],
    });
  });

  it("maps oauth errors to auth, and 429/503 to retryable whatever the body", () => {
    const oauth = JSON.stringify({ errors: [{ type: "oauth", message: "Invalid OAuth 2 Bearer token" }] });
    expect(parseKantataError(respond(401), oauth)).toMatchObject({ kind: "auth", vendorCode: "oauth" });
    const busy = JSON.stringify({ errors: [{ type: "system", message: "slow down" }] });
    expect(parseKantataError(respond(429), busy)).toMatchObject({ kind: "rate-limit", retryable: true });
    expect(parseKantataError(respond(503), "<html>maintenance</html>")).toEqual({ retryable: true });
    expect(parseKantataError(respond(500), "<html>oops</html>")).toBeUndefined();
    expect(parseKantataError(respond(400), JSON.stringify({ errors: [] }))).toBeUndefined();
  });
});
