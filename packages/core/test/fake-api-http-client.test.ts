// The fake kit together with core's own HTTP client, as connectors use them.
import { describe, expect, it } from "vitest";
import { HttpError } from "../src/errors.js";
import { createHttpClient } from "../src/http-client.js";
import { createRecordsFake } from "./fixtures/records-fake.js";

interface RecordBody {
  name: string;
  minutes: number;
}
interface paths {
  "/records/eid:{externalId}": {
    parameters: { query?: never; header?: never; path: { externalId: string }; cookie?: never };
    put: {
      parameters: { query?: never; header?: never; path: { externalId: string }; cookie?: never };
      requestBody: { content: { "application/json": RecordBody } };
      responses: { 204: { headers: { Location: string; [name: string]: unknown }; content?: never } };
    };
  };
}

const BASE = "https://acme.records.example/api";

function setup(timeoutAfterCommitMs = 5_000) {
  const { fake, byExternalId } = createRecordsFake({
    faults: { retryAfterSeconds: 0, timeoutAfterCommitMs },
  });
  const client = createHttpClient<paths>({
    system: "records",
    baseUrl: BASE,
    fetch: fake.fetch,
    timeoutMs: 200,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  });
  const put = (externalId: string, body: unknown) =>
    client.PUT("/records/eid:{externalId}", {
      params: { path: { externalId } },
      body: body as RecordBody,
      idempotent: true,
    });
  return { fake, byExternalId, put };
}

describe("fake API + createHttpClient", () => {
  it("retries an injected 429 and 503 and stores the record once", async () => {
    const { fake, byExternalId, put } = setup();
    fake.injectFault("rate-limit");
    fake.injectFault("unavailable");
    await put("k1", { name: "a", minutes: 30 });
    expect(fake.calls("PUT /records/eid:{externalId}")).toBe(3);
    expect(fake.handled("PUT /records/eid:{externalId}")).toBe(1);
    expect(byExternalId.size).toBe(1);
    fake.assertNoViolations();
  });

  it("survives a timeout after commit: the retry upserts the same record, never a second one", async () => {
    const { fake, byExternalId, put } = setup();
    fake.injectFault("timeout-after-commit");
    await put("k1", { name: "a", minutes: 30 });
    expect(fake.handled()).toBe(2);
    expect(byExternalId.size).toBe(1);
    expect(byExternalId.get("k1")?.writes).toBe(2);
  });

  it("fails the call that violates the document with an error naming the field", async () => {
    const { fake, put } = setup();
    const error = await put("k1", { name: "a", minutes: 1.5 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).toContain("minutes");
    expect(() => fake.assertNoViolations()).toThrow(/request body field "minutes": must be integer/);
  });
});
