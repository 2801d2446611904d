import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  clientCredentialsProvider,
  createHttpClient,
  createJsonLogger,
  type HttpHooks,
  oauth1Signer,
  withCorrelation,
} from "../../src/index.js";
import type { paths } from "./paths.js";
import { json, startServer } from "./server.js";

const CLIENT_SECRET = "cs-SECRET-7f3a9b2c";
const API_KEY = "apikey-SECRET-5521";
const RATE = "187.55";
const SALARY = 123456.78;
const TOKEN_SECRET = "ts-SECRET-0c0ffee";
const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const PEM = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const PEM_BODY = PEM.split("\n")[1] as string;

describe("secrets never reach logs, hooks or errors", () => {
  it("redacts credentials and sensitive fields in every log line, hook event and error", async () => {
    let tokenNo = 0;
    const issuedTokens: string[] = [];
    const tokenServer = await startServer((_req, res) => {
      const t = `at-SECRET-${++tokenNo}-zzq`;
      issuedTokens.push(t);
      json(res, 200, { access_token: t, refresh_token: "rt-SECRET-1", expires_in: 3600 });
    });
    const api = await startServer((req, res, i) => {
      const auth = String(req.headers.authorization ?? "");
      if (req.method === "POST") {
        // The vendor echoes the body and the credential in its error.
        return json(res, 400, {
          errors: [{ message: `rate ${RATE} above max for salary ${SALARY}; header ${auth}`, field: "rate" }],
          echo: JSON.parse(req.body),
          private_key: PEM,
        });
      }
      if (i === 1)
        return json(res, 401, { error: "invalid_token", error_description: `token ${auth} expired` });
      if (req.url.includes("fail")) return json(res, 500, `internal: ${auth} ${req.url}`);
      return json(res, 200, { id: "1", name: "ok", rate: RATE, salary: SALARY });
    });
    const lines: string[] = [];
    const hookEvents: string[] = [];
    const record = (e: unknown) =>
      hookEvents.push(JSON.stringify(e, (_k, v) => (v instanceof Error ? { ...v, message: v.message } : v)));
    const hooks: HttpHooks = {
      onRequestStart: record,
      onRequestEnd: record,
      onRetry: record,
      onRateLimited: record,
    };
    const errors: unknown[] = [];
    try {
      const auth = clientCredentialsProvider({
        tokenUrl: tokenServer.url,
        clientId: "cid",
        clientSecret: CLIENT_SECRET,
      });
      const client = createHttpClient<paths>({
        system: "workday",
        baseUrl: api.url,
        auth,
        logger: createJsonLogger({ level: "trace", write: (l) => lines.push(l) }),
        sensitiveFields: ["rate", "salary"],
        hooks,
        retry: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 },
      });
      await withCorrelation("corr-secrets", async () => {
        await client.GET("/items/{id}", { params: { path: { id: "1" } } });
        await client.GET("/items/{id}", { params: { path: { id: "2" } } }); // 401 → refresh, retry
        await client.fetch(`/items/3?api_key=${API_KEY}&access_token=${API_KEY}`);
        for (const call of [
          () => client.POST("/items", { body: { name: "n", rate: RATE, salary: SALARY } }),
          () => client.fetch(`/items/fail?api_key=${API_KEY}`),
        ]) {
          try {
            await call();
          } catch (e) {
            errors.push(e);
          }
        }
      });
      // An OAuth 1.0a client failing too.
      const tba = createHttpClient<paths>({
        system: "netsuite",
        baseUrl: api.url,
        logger: createJsonLogger({ level: "trace", write: (l) => lines.push(l) }),
        auth: oauth1Signer({
          consumerKey: "ck",
          consumerSecret: CLIENT_SECRET,
          token: "tk",
          tokenSecret: TOKEN_SECRET,
        }),
        retry: false,
      });
      await tba.fetch(`/items/fail?x=1`).catch((e: unknown) => errors.push(e));
    } finally {
      await tokenServer.close();
      await api.close();
    }

    expect(errors).toHaveLength(3);
    expect(lines.length).toBeGreaterThan(8);
    expect(lines.some((l) => l.includes("corr-secrets"))).toBe(true);
    const errorTexts = errors.map((e) => {
      const err = e as Error & Record<string, unknown>;
      return [err.message, err.stack, JSON.stringify(err), String(err.bodyExcerpt)].join("\n");
    });
    expect(errorTexts[0]).toContain("[REDACTED]"); // the echoed body was there, redacted
    const secrets = [
      CLIENT_SECRET,
      API_KEY,
      TOKEN_SECRET,
      RATE,
      String(SALARY),
      "rt-SECRET-1",
      PEM_BODY,
      ...issuedTokens,
    ];
    expect(issuedTokens.length).toBe(2);
    for (const text of [...lines, ...hookEvents, ...errorTexts]) {
      for (const s of secrets) {
        if (text.includes(s))
          throw new Error(`secret ${JSON.stringify(s.slice(0, 6))}… leaked into: ${text.slice(0, 300)}`);
      }
    }
  });
});
