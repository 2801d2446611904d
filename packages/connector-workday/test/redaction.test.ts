import { createJsonLogger } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { createWorkdayClient } from "../src/client.js";
import { createWorkdayFake, WORKDAY_FAKE_CREDENTIALS } from "../src/testing/index.js";
import { fixture } from "./fixtures.js";

describe("sensitive worker fields", () => {
  it("never reach a log line: tokens, date of birth, phone", async () => {
    const fake = createWorkdayFake({ seed: { workers: [fixture("workers.show")] } });
    const lines: string[] = [];
    const workday = createWorkdayClient({
      host: "wd2-impl-services1.workday.com",
      tenant: fake.tenant,
      auth: WORKDAY_FAKE_CREDENTIALS,
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
      logger: createJsonLogger({ level: "trace", write: (line) => lines.push(line) }),
    });
    for await (const _ of workday.resources());
    expect(lines.length).toBeGreaterThan(0);
    const text = lines.join("\n");
    for (const secret of ["1980-12-09", "555-0101", WORKDAY_FAKE_CREDENTIALS.clientSecret, "wd-access-"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("never reach an error: compensation in an error body is redacted from the excerpt", async () => {
    const workday = createWorkdayClient({
      host: "wd2-impl-services1.workday.com",
      tenant: "acme",
      auth: { getToken: async () => "t", invalidate: () => {} },
      retry: false,
      fetch: async () =>
        new Response(
          JSON.stringify({ error: "Invalid request", compensation: "187500.00", salary: "187500.00" }),
          {
            status: 400,
            headers: { "content-type": "application/json" },
          },
        ),
    });
    const error = await workday.worker("0".repeat(32)).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, vendorCode: "" });
    // The excerpt keeps the body's shape (the field is named) with the value redacted.
    expect((error as { bodyExcerpt?: string }).bodyExcerpt).toContain("compensation");
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(
      "187500",
    );
  });
});
