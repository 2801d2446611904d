import { AuthError, RateLimitError, ValidationError } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { wid } from "../test/fixtures.js";
import { createWorkdayClient, type WorkdayClientConfig } from "./client.js";
import { createWorkdayFake, WORKDAY_FAKE_CREDENTIALS, type WorkdayFake } from "./testing/index.js";
import type { WorkdayWorker } from "./workday-types.js";

const HOST = "wd2-impl-services1.workday.com";
const fast = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2, jitter: 0 };

function workers(n: number): WorkdayWorker[] {
  return Array.from({ length: n }, (_, i) => ({ id: wid(i + 1), descriptor: `Worker ${i}` }));
}

function client(fake: WorkdayFake, over: Partial<WorkdayClientConfig> = {}) {
  return createWorkdayClient({
    host: HOST,
    tenant: fake.tenant,
    auth: WORKDAY_FAKE_CREDENTIALS,
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
    retry: fast,
    ...over,
  });
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("createWorkdayClient options", () => {
  const auth = WORKDAY_FAKE_CREDENTIALS;
  it.each([
    ["host", { tenant: "acme", auth }, /option "host"/],
    ["host with a scheme", { host: "https://x.workday.com", tenant: "acme", auth }, /option "host"/],
    ["tenant", { host: HOST, auth }, /option "tenant"/],
    ["tenant with a slash", { host: HOST, tenant: "a/b", auth }, /option "tenant"/],
    ["auth", { host: HOST, tenant: "acme" }, /option "auth"/],
    ["limit", { host: HOST, tenant: "acme", auth, limit: 101 }, /option "limit"/],
    [
      "staffing.version",
      { host: HOST, tenant: "acme", auth, staffing: { version: "6" } },
      /"staffing.version"/,
    ],
  ])("rejects a bad %s with a TypeError naming the option", (_name, config, message) => {
    expect(() => createWorkdayClient(config as WorkdayClientConfig)).toThrow(TypeError);
    expect(() => createWorkdayClient(config as WorkdayClientConfig)).toThrow(message);
  });

  it("never echoes a secret in an option error", () => {
    const config = { host: HOST, tenant: "acme", auth: { ...auth, clientSecret: 42 } };
    expect(() => createWorkdayClient(config as unknown as WorkdayClientConfig)).toThrow(/auth/);
    try {
      createWorkdayClient({ host: HOST, tenant: "", auth });
    } catch (e) {
      expect(String(e)).not.toContain(auth.clientSecret);
    }
  });
});

describe("Workday client against the fake", () => {
  it("pages with a configurable limit and zero-based offset, stopping on total", async () => {
    const fake = createWorkdayFake({ seed: { workers: workers(45) } });
    const seen: string[] = [];
    fake.api.onHandled((r) => {
      if (r.route.endsWith("/workers")) seen.push(`${r.query.get("limit")}@${r.query.get("offset")}`);
    });
    expect(await all(client(fake, { limit: 20 }).list("workers"))).toHaveLength(45);
    expect(seen).toEqual(["20@0", "20@20", "20@40"]);
    fake.assertNoViolations();
  });

  it("uses the configured service and version in the path", async () => {
    const fake = createWorkdayFake({ seed: { workers: workers(1) } });
    const paths: string[] = [];
    fake.api.onHandled((r) => {
      paths.push(r.path);
    });
    await all(client(fake, { staffing: { version: "v7" } }).list("workers"));
    expect(paths.at(-1)).toBe(`/api/staffing/v7/${fake.tenant}/workers`);
  });

  it("is answered 404 like Workday when a collection is asked of a service that does not serve it", async () => {
    const fake = createWorkdayFake({ seed: { organizations: [] } });
    const error = await all(client(fake, { common: { service: "staffing" } }).list("organizations")).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ status: 404, vendorCode: "not-found" });
  });

  it("exchanges the refresh token once, single-flight, for concurrent reads", async () => {
    const fake = createWorkdayFake({ seed: { workers: workers(10) } });
    const workday = client(fake);
    await Promise.all([
      all(workday.list("workers")),
      all(workday.list("workers")),
      all(workday.list("jobs")),
    ]);
    expect(fake.tokenRequests).toBe(1);
  });

  it("refreshes once when Workday answers 401 for a revoked token", async () => {
    const fake = createWorkdayFake({ seed: { workers: workers(3) } });
    const workday = client(fake);
    await all(workday.list("workers"));
    fake.revokeAccessTokens();
    expect(await all(workday.list("workers"))).toHaveLength(3);
    expect(fake.tokenRequests).toBe(2);
  });

  it("fails with AuthError, secrets not echoed, when the client credentials are wrong", async () => {
    const fake = createWorkdayFake({ seed: { workers: workers(1) } });
    const workday = client(fake, { auth: { ...WORKDAY_FAKE_CREDENTIALS, clientSecret: "wrong-secret" } });
    const error = await all(workday.list("workers")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(String((error as Error).message)).not.toContain("wrong-secret");
  });

  it("fails with AuthError when the refresh token is refused (invalid_grant)", async () => {
    const fake = createWorkdayFake({ seed: { workers: workers(1) } });
    const workday = client(fake, { auth: { ...WORKDAY_FAKE_CREDENTIALS, refreshToken: "stale" } });
    await expect(all(workday.list("workers"))).rejects.toBeInstanceOf(AuthError);
  });

  it("retries 429 and 503 with backoff and completes the read", async () => {
    const fake = createWorkdayFake({ seed: { workers: workers(250) } });
    fake.api.injectFault("rate-limit-no-retry-after", { times: 1 });
    fake.api.injectFault("unavailable", { times: 1 });
    expect(await all(client(fake).list("workers"))).toHaveLength(250);
  });

  it("gives up on a persistent 429 with a RateLimitError", async () => {
    const fake = createWorkdayFake({ seed: { workers: workers(1) } });
    fake.api.injectFault("rate-limit-no-retry-after", { times: 10 });
    await expect(all(client(fake).list("workers"))).rejects.toBeInstanceOf(RateLimitError);
  });

  it("is rejected like Workday for an unknown query parameter (400, code and field)", async () => {
    const fake = createWorkdayFake({ seed: { workers: workers(1) } });
    const error = await all(client(fake).list("workers", { updatedSince: "2026-01-01" })).catch((e) => e);
    expect(error).toMatchObject({ status: 400, vendorCode: "invalid-query-parameter" });
  });

  it("turns a malformed envelope into a typed ValidationError naming the field", async () => {
    const fake = createWorkdayFake();
    const bad = createWorkdayClient({
      host: HOST,
      tenant: fake.tenant,
      auth: { getToken: async () => "t", invalidate: () => {} },
      retry: false,
      fetch: async () =>
        new Response(JSON.stringify({ data: [] }), {
          status: 200,
          headers: { "content-type": "application/json" },
        }),
    });
    const error = await all(bad.list("workers")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: "total", message: "is missing", code: "invalid_total" },
    ]);
  });
});
