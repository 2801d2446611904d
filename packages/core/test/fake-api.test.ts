import { setupServer } from "msw/node";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeApi, FakeApiViolationError } from "../src/testing/index.js";
import { mswHandlers } from "../src/testing/msw.js";
import { createRecordsFake, RECORDS_SPEC } from "./fixtures/records-fake.js";

const BASE = "https://acme.records.example/api";
const json = { "content-type": "application/json" };
const put = (fetchFn: typeof fetch, base: string, id: string, body: unknown, init: RequestInit = {}) =>
  fetchFn(`${base}/records/eid:${id}`, { method: "PUT", headers: json, body: JSON.stringify(body), ...init });

describe("createFakeApi: contract validation", () => {
  it("serves conforming requests and records nothing", async () => {
    const { fake, byExternalId } = createRecordsFake();
    const res = await put(fake.fetch, BASE, "ll_time_1", {
      name: "a",
      minutes: 90,
      amount: "10.50",
      note: null,
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("location")).toMatch(/\/api\/records\/1$/);
    expect(byExternalId.get("ll_time_1")).toMatchObject({ minutes: 90, writes: 1 });
    const got = await fake.fetch(`${BASE}/records/1`);
    expect(await got.json()).toEqual({ id: 1, name: "a", minutes: 90 });
    expect(fake.calls("PUT /records/eid:{externalId}")).toBe(1);
    expect(fake.calls()).toBe(2);
    fake.assertNoViolations();
  });

  it("answers 400 to a request body violating the document and names the field", async () => {
    const { fake, byExternalId } = createRecordsFake();
    const res = await put(fake.fetch, BASE, "k1", { name: "a", minutes: "90" });
    expect(res.status).toBe(400);
    expect(res.headers.get("x-fake-api-violation")).toBe("request");
    const body = (await res.json()) as { message: string };
    expect(body.message).toContain('request body field "minutes": must be integer');
    expect(byExternalId.size).toBe(0);
    expect(fake.handled()).toBe(0);
    expect(() => fake.assertNoViolations()).toThrow(FakeApiViolationError);
    expect(() => fake.assertNoViolations()).toThrow(
      /PUT \/records\/eid:\{externalId\}.*"minutes": must be integer/,
    );
    expect(fake.violations[0]).toMatchObject({ kind: "request", problems: [{ field: "minutes" }] });
  });

  it("names missing and additional properties, bad params, headers and content types", async () => {
    const { fake } = createRecordsFake();
    await put(fake.fetch, BASE, "k1", { minutes: 1, colour: "red" });
    await put(fake.fetch, BASE, "bad id!", { name: "a", minutes: 1 });
    await fake.fetch(`${BASE}/records?limit=500`);
    await fake.fetch(`${BASE}/records/abc`);
    await fake.fetch(`${BASE}/records`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ name: "a", minutes: 1 }),
    });
    await put(fake.fetch, BASE, "k2", "name=a", { headers: { "content-type": "text/plain" } });
    await put(fake.fetch, BASE, "k3", undefined, { body: "{not json", headers: json });
    await fake.fetch(`${BASE}/records/eid:k4`, { method: "PUT" });
    const messages = fake.violations.map((v) => v.message);
    expect(messages[0]).toContain('request body field "name": is required');
    expect(messages[0]).toContain('request body field "colour": is not allowed');
    expect(messages[1]).toContain('path parameter field "externalId": must match pattern');
    expect(messages[2]).toContain('query parameter field "limit": must be <= 100');
    expect(messages[3]).toContain('path parameter field "id": must be integer');
    expect(messages[4]).toContain('header field "Idempotency-Key": is required');
    expect(messages[5]).toContain('content type "text/plain" is not documented');
    expect(messages[6]).toContain("request body: is not valid JSON");
    expect(messages[7]).toContain("request body: is required");
    expect(fake.violations).toHaveLength(8);
  });

  it("answers 404 / 405 to undocumented paths and methods", async () => {
    const { fake } = createRecordsFake();
    expect((await fake.fetch(`${BASE}/nothing`)).status).toBe(404);
    expect((await fake.fetch(`${BASE}/records/1`, { method: "DELETE" })).status).toBe(405);
    expect(fake.violations.map((v) => v.message)).toEqual([
      "GET /nothing: request: path is not documented",
      "DELETE /records/1: request: method DELETE is not documented for this path (documented: GET)",
    ]);
  });

  it("fails a response that violates the document: 500 naming the field", async () => {
    const { fake } = createRecordsFake({
      routes: {
        "GET /records/{id}": (req) =>
          req.params.id === "1" ? { status: 200, body: { id: 1, minutes: -5 } } : { status: 418, body: [] },
        "PUT /records/eid:{externalId}": () => ({ status: 204 }),
      },
    });
    const res = await fake.fetch(`${BASE}/records/1`);
    expect(res.status).toBe(500);
    expect(((await res.json()) as { message: string }).message).toContain(
      'response (200) body field "name": is required',
    );
    expect((await fake.fetch(`${BASE}/records/2`)).status).toBe(500);
    expect((await put(fake.fetch, BASE, "k", { name: "a", minutes: 1 })).status).toBe(500);
    const messages = fake.violations.map((v) => v.message).join("\n");
    expect(messages).toContain('response (200) body field "minutes": must be >= 0');
    expect(messages).toContain("response: status 418 is not documented");
    expect(messages).toContain('response (204) header field "Location": is required');
    expect(fake.violations.every((v) => v.kind === "response")).toBe(true);
    expect(() => fake.assertNoViolations()).toThrow(/"name": is required/);
  });

  it("reports documented operations without a route, and route handlers that throw", async () => {
    const { fake } = createRecordsFake({
      routes: {
        "GET /records/{id}": () => {
          throw new Error("fake bug");
        },
      },
    });
    expect((await fake.fetch(`${BASE}/records`)).status).toBe(501);
    expect((await fake.fetch(`${BASE}/records/1`)).status).toBe(500);
    expect(fake.violations.map((v) => v.kind)).toEqual(["unhandled", "handler-error"]);
  });

  it("refuses route keys that are not operations of the document", () => {
    expect(() =>
      createFakeApi({ spec: RECORDS_SPEC, routes: { "POST /records/{id}": () => ({ status: 200 }) } }),
    ).toThrow(/route "POST \/records\/\{id\}" is not an operation/);
    expect(() => createFakeApi({ spec: 'openapi: "2.0"\n', routes: {} })).toThrow(/only 3\.x/);
  });

  it("understands OpenAPI 3.0 nullable", async () => {
    const fake = createFakeApi({
      baseUrl: "http://v30.test",
      spec: {
        openapi: "3.0.3",
        info: { title: "t", version: "1" },
        paths: {
          "/things": {
            post: {
              requestBody: {
                content: {
                  "application/json": {
                    schema: {
                      type: "object",
                      properties: {
                        note: { type: "string", nullable: true },
                        n: { type: "integer", minimum: 0, exclusiveMinimum: true },
                      },
                    },
                  },
                },
              },
              responses: { "204": { description: "ok" } },
            },
          },
        },
      },
      routes: { "POST /things": () => ({ status: 204 }) },
    });
    const send = (body: unknown) =>
      fake.fetch("http://v30.test/things", { method: "POST", headers: json, body: JSON.stringify(body) });
    expect((await send({ note: null, n: 1 })).status).toBe(204);
    expect((await send({ n: 0 })).status).toBe(400);
    expect(fake.violations[0]?.message).toContain('"n": must be > 0');
  });
});

describe("createFakeApi: faults and governance", () => {
  it("injects 429 with and without Retry-After, and 503, in the vendor's body shape", async () => {
    const { fake, byExternalId } = createRecordsFake({ faults: { retryAfterSeconds: 3 } });
    fake.injectFault("rate-limit");
    fake.injectFault("rate-limit-no-retry-after");
    fake.injectFault("unavailable", { route: "PUT /records/eid:{externalId}" });
    const a = await put(fake.fetch, BASE, "k", { name: "a", minutes: 1 });
    expect(a.status).toBe(429);
    expect(a.headers.get("retry-after")).toBe("3");
    expect(await a.json()).toEqual({ code: "CONCURRENCY_LIMIT_EXCEEDED", message: "rate-limit" });
    const b = await put(fake.fetch, BASE, "k", { name: "a", minutes: 1 });
    expect(b.status).toBe(429);
    expect(b.headers.has("retry-after")).toBe(false);
    const c = await put(fake.fetch, BASE, "k", { name: "a", minutes: 1 });
    expect(c.status).toBe(503);
    expect(await c.json()).toMatchObject({ code: "UNAVAILABLE" });
    expect(byExternalId.size).toBe(0);
    expect((await put(fake.fetch, BASE, "k", { name: "a", minutes: 1 })).status).toBe(204);
    expect(fake.requests.map((r) => r.fault ?? null)).toEqual([
      "rate-limit",
      "rate-limit-no-retry-after",
      "unavailable",
      null,
    ]);
    fake.assertNoViolations();
  });

  it("resets the connection before the write", async () => {
    const { fake, byExternalId } = createRecordsFake();
    fake.injectFault("connection-reset");
    const err = await put(fake.fetch, BASE, "k", { name: "a", minutes: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(((err as TypeError).cause as { code?: string }).code).toBe("ECONNRESET");
    expect(byExternalId.size).toBe(0);
    expect(fake.handled()).toBe(0);
  });

  it("times out after committing the write (the ambiguous case)", async () => {
    const { fake, byExternalId } = createRecordsFake({ faults: { timeoutAfterCommitMs: 5_000 } });
    fake.injectFault("timeout-after-commit");
    // Held in a variable read after the await: the Request built from it follows it only weakly, and an
    // unreferenced AbortSignal.timeout can be garbage-collected before it fires (seen under load).
    const signal = AbortSignal.timeout(50);
    const err = await put(fake.fetch, BASE, "k", { name: "a", minutes: 1 }, { signal }).catch(
      (e: unknown) => e,
    );
    expect(signal.aborted).toBe(true);
    expect((err as Error).name).toBe("TimeoutError");
    expect(byExternalId.get("k")?.writes).toBe(1);
    expect(fake.handled("PUT /records/eid:{externalId}")).toBe(1);
  });

  it("draws random faults from the seed: same seed, same sequence; rate 0 never", async () => {
    const run = async (seed: number, rate: number) => {
      const { fake } = createRecordsFake({ seed, faults: { rate, kinds: ["rate-limit", "unavailable"] } });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++)
        statuses.push((await put(fake.fetch, BASE, `k${i}`, { name: "a", minutes: 1 })).status);
      return statuses;
    };
    const a = await run(7, 0.5);
    expect(a).toEqual(await run(7, 0.5));
    expect(a.filter((s) => s !== 204).length).toBeGreaterThan(5);
    expect(a.filter((s) => s === 204).length).toBeGreaterThan(5);
    expect((await run(7, 0)).every((s) => s === 204)).toBe(true);
  });

  it("keeps random faults off routes that opt out", async () => {
    const { fake } = createRecordsFake({ faults: { rate: 1, routes: ["GET /records/{id}"] } });
    expect((await put(fake.fetch, BASE, "k", { name: "a", minutes: 1 })).status).toBe(204);
    expect((await fake.fetch(`${BASE}/records/1`).catch(() => ({ status: -1 }))).status).not.toBe(200);
  });

  it("refuses requests beyond maxInFlight with the vendor's 429", async () => {
    const { fake, byExternalId } = createRecordsFake({
      latency: { minMs: 30, maxMs: 30 },
      governance: {
        maxInFlight: 2,
        response: () => ({
          status: 429,
          body: { code: "CONCURRENCY_LIMIT_EXCEEDED", message: "governance" },
        }),
      },
    });
    const statuses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        put(fake.fetch, BASE, `k${i}`, { name: "a", minutes: 1 }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 204)).toHaveLength(2);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    expect(byExternalId.size).toBe(2);
    expect(fake.requests.filter((r) => r.fault === "governance")).toHaveLength(4);
  });

  it("reset() clears state, log, counters and violations", async () => {
    const { fake, byExternalId } = createRecordsFake();
    await put(fake.fetch, BASE, "k", { name: "a", minutes: 1 });
    await fake.fetch(`${BASE}/nothing`);
    fake.injectFault("unavailable");
    fake.reset();
    expect(byExternalId.size).toBe(0);
    expect(fake.violations).toHaveLength(0);
    expect(fake.requests).toHaveLength(0);
    expect(fake.calls()).toBe(0);
    expect((await put(fake.fetch, BASE, "k", { name: "a", minutes: 1 })).status).toBe(204);
  });
});

describe("createFakeApi: transports", () => {
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it("serves over HTTP on 127.0.0.1 with an ephemeral port", async () => {
    const { fake, byExternalId } = createRecordsFake();
    const server = await fake.listen();
    servers.push(server);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    const res = await put(fetch, server.url, "k", { name: "a", minutes: 1 });
    expect(res.status).toBe(204);
    expect(byExternalId.size).toBe(1);
    const bad = await put(fetch, server.url, "k", { name: "a" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('"minutes": is required');
    fake.injectFault("connection-reset");
    await expect(put(fetch, server.url, "k2", { name: "a", minutes: 1 })).rejects.toThrow(TypeError);
    await server.close();
    await expect(fetch(`${server.url}/records/1`)).rejects.toThrow();
  });

  it("times out after commit over HTTP", async () => {
    const { fake, byExternalId } = createRecordsFake({ faults: { timeoutAfterCommitMs: 10_000 } });
    const server = await fake.listen();
    servers.push(server);
    fake.injectFault("timeout-after-commit");
    await expect(
      put(fetch, server.url, "k", { name: "a", minutes: 1 }, { signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    expect(byExternalId.get("k")?.writes).toBe(1);
  });

  it("serves as msw handlers", async () => {
    const { fake, byExternalId } = createRecordsFake();
    const msw = setupServer(...mswHandlers(fake));
    msw.listen({ onUnhandledRequest: "error" });
    try {
      expect((await put(fetch, BASE, "k", { name: "a", minutes: 1 })).status).toBe(204);
      expect((await put(fetch, BASE, "k", { name: 1, minutes: 1 })).status).toBe(400);
      fake.injectFault("connection-reset");
      await expect(put(fetch, BASE, "k", { name: "a", minutes: 1 })).rejects.toThrow(TypeError);
    } finally {
      msw.close();
    }
    expect(byExternalId.get("k")?.writes).toBe(1);
    expect(fake.violations).toHaveLength(1);
  });
});

describe("createFakeApi: readOnly and writeOnly", () => {
  it("does not require readOnly properties in requests nor writeOnly ones in responses", async () => {
    const fake = createFakeApi({
      baseUrl: "http://ro.test",
      spec: {
        openapi: "3.1.0",
        info: { title: "t", version: "1" },
        paths: {
          "/things": {
            post: {
              requestBody: {
                content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
              },
              responses: {
                "201": {
                  description: "ok",
                  content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
                },
              },
            },
          },
        },
        components: {
          schemas: {
            Id: { type: "string", readOnly: true },
            Thing: {
              type: "object",
              required: ["id", "name", "secret"],
              properties: {
                id: { $ref: "#/components/schemas/Id" },
                name: { type: "string" },
                secret: { type: "string", writeOnly: true },
              },
            },
          },
        },
      },
      routes: {
        "POST /things": (req) => ({
          status: 201,
          body: { id: "1", name: (req.body as { name: string }).name },
        }),
      },
    });
    const send = (body: unknown) =>
      fake.fetch("http://ro.test/things", { method: "POST", headers: json, body: JSON.stringify(body) });
    expect((await send({ name: "a", secret: "s" })).status).toBe(201);
    fake.assertNoViolations();
    expect((await send({ secret: "s" })).status).toBe(400);
    expect(fake.violations[0]?.message).toContain('"name": is required');
  });
});

describe("createFakeApi: injected error bodies", () => {
  it("checks the vendor's fault bodies against the document, still sending the fault", async () => {
    const { fake } = createRecordsFake({
      faults: { response: () => ({ status: 429, body: { error: "busy" } }) },
    });
    fake.injectFault("rate-limit");
    const res = await put(fake.fetch, BASE, "k", { name: "a", minutes: 1 });
    expect(res.status).toBe(429);
    expect(fake.violations.map((v) => v.message).join("\n")).toContain(
      'response (429) body field "code": is required',
    );
  });

  it("accepts fault bodies that match, and faults with undocumented statuses", async () => {
    const { fake } = createRecordsFake();
    fake.injectFault("rate-limit");
    fake.injectFault("unavailable", { route: "GET /records/{id}" });
    expect((await put(fake.fetch, BASE, "k", { name: "a", minutes: 1 })).status).toBe(429);
    expect((await fake.fetch(`${BASE}/records/1`)).status).toBe(503);
    fake.assertNoViolations();
  });
});

describe("createFakeApi: onHandled (durable fakes)", () => {
  it("holds every answer until the hooks' promises settle, timeouts after commit included", async () => {
    const { fake, byExternalId } = createRecordsFake({ faults: { timeoutAfterCommitMs: 10 } });
    const seen: string[] = [];
    let releaseFlush: () => void = () => {};
    const flushed = new Promise<void>((resolve) => {
      releaseFlush = resolve;
    });
    const remove = fake.onHandled(async (request, response) => {
      seen.push(`${request.method} ${response.status}`);
      if (request.method === "PUT") await flushed;
    });
    let answered = false;
    const pending = put(fake.fetch, BASE, "k1", { name: "a", minutes: 1 }).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(byExternalId.get("k1")?.writes).toBe(1); // committed in memory…
    expect(answered).toBe(false); // …but not confirmed before the hook is done
    releaseFlush();
    expect((await pending).status).toBe(204);

    fake.injectFault("timeout-after-commit");
    await put(fake.fetch, BASE, "k2", { name: "a", minutes: 1 }).catch(() => undefined);
    expect(seen).toEqual(["PUT 204", "PUT 204"]);
    // Faults answered before the handler never reach the hook.
    fake.injectFault("unavailable");
    await put(fake.fetch, BASE, "k3", { name: "a", minutes: 1 });
    expect(seen).toHaveLength(2);

    remove();
    await put(fake.fetch, BASE, "k4", { name: "a", minutes: 1 });
    expect(seen).toHaveLength(2);
    fake.assertNoViolations();
  });

  it("answers 500 (nothing confirmed) when a hook fails", async () => {
    const { fake } = createRecordsFake();
    fake.onHandled(() => {
      throw new Error("disk full");
    });
    const res = await put(fake.fetch, BASE, "k1", { name: "a", minutes: 1 });
    expect(res.status).toBe(500);
    expect(fake.violations[0]).toMatchObject({ kind: "handler-error" });
    expect(() => fake.onHandled(42 as never)).toThrow(/"hook"/);
  });
});
