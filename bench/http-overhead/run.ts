// Full @ledgerline/core HTTP stack vs raw fetch against a loopback node:http server.
// Same request mix for both (3 GET with path + query parameters : 1 POST with a JSON body), interleaved
// rounds so drift hits both sides alike; reports the median per-request time and the ratio.
// Target: full stack ≤ 1.10 × raw fetch, timeouts still enforced (the stack's 10 s timeout is enforced by
// the transport — an undici Agent with headersTimeout/bodyTimeout — not a per-attempt AbortSignal).
// A benchmark, not a test: nothing here asserts.
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { cachedTokenProvider, createHttpClient, withCorrelation } from "@ledgerline/core";
import createClient from "openapi-fetch";

interface paths {
  "/items/{id}": {
    get: {
      parameters: { path: { id: string }; query?: { expand?: string } };
      responses: { 200: { content: { "application/json": { id: string; name: string } } } };
    };
  };
  "/items": {
    post: {
      parameters: Record<string, never>;
      requestBody: { content: { "application/json": { name: string; amount: string } } };
      responses: { 200: { content: { "application/json": { id: string; name: string } } } };
    };
  };
}

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const PER_ROUND = Number(process.env.PER_ROUND ?? 1500);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);

const payload = JSON.stringify({ id: "42", name: "Acme Consulting Ltd", status: "active" });
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
    res.end(payload);
  });
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const body = { name: "Acme Consulting Ltd", amount: "1250.00" };

// The stack sends X-Correlation-Id and a W3C traceparent on every request; raw fetch sends the same two
// headers (same bytes on the wire, same header parsing in the in-process server) so both do the same I/O.
const correlationHeaders = {
  "x-correlation-id": "bench",
  traceparent: "00-0123456789abcdef0123456789abcdef-0123456789abcdef-01",
};

async function raw(i: number, signal?: AbortSignal): Promise<unknown> {
  const res =
    i % 4 === 3
      ? await fetch(`${base}/items`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: "Bearer bench-token",
            ...correlationHeaders,
          },
          body: JSON.stringify(body),
          signal,
        })
      : await fetch(`${base}/items/${i}?expand=all`, {
          headers: { authorization: "Bearer bench-token", ...correlationHeaders },
          signal,
        });
  if (!res.ok) throw new Error(String(res.status));
  return res.json();
}

const client = createHttpClient<paths>({
  system: "bench",
  baseUrl: base,
  auth: cachedTokenProvider(async () => ({ accessToken: "bench-token", expiresInSec: 3600 })),
  limits: { maxConcurrency: 64, adaptive: true },
  retry: { maxAttempts: 3 },
  timeoutMs: 10_000,
});

// Raw fetch with a per-request timeout signal: what a hand-written call with a timeout costs (undici
// follows the signal, which is a large share of the stack's overhead on loopback).
async function rawWithTimeout(i: number): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000);
  try {
    return await raw(i, controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

// openapi-fetch alone (no Ledgerline stack): separates the cost of the typed client from the stack's.
const plain = createClient<paths>({
  baseUrl: base,
  headers: { authorization: "Bearer bench-token", ...correlationHeaders },
});
async function openapiFetch(i: number): Promise<unknown> {
  const r =
    i % 4 === 3
      ? await plain.POST("/items", { body })
      : await plain.GET("/items/{id}", { params: { path: { id: String(i) }, query: { expand: "all" } } });
  return r.data;
}

// The same stack with `timeoutMs: 0` (no per-attempt AbortSignal: undici's signal handling is a large
// share of the overhead on Node 20; use it with a transport that enforces its own timeouts).
const clientNoTimeout = createHttpClient<paths>({
  system: "bench",
  baseUrl: base,
  auth: cachedTokenProvider(async () => ({ accessToken: "bench-token", expiresInSec: 3600 })),
  limits: { maxConcurrency: 64, adaptive: true },
  retry: { maxAttempts: 3 },
  timeoutMs: 0,
});
async function stackNoTimeout(i: number): Promise<unknown> {
  const r =
    i % 4 === 3
      ? await clientNoTimeout.POST("/items", { body })
      : await clientNoTimeout.GET("/items/{id}", {
          params: { path: { id: String(i) }, query: { expand: "all" } },
        });
  return r.data;
}

async function stack(i: number): Promise<unknown> {
  const r =
    i % 4 === 3
      ? await client.POST("/items", { body })
      : await client.GET("/items/{id}", { params: { path: { id: String(i) }, query: { expand: "all" } } });
  return r.data;
}

/** Runs `n` requests with `concurrency` workers; returns wall-clock and CPU µs per request (client + server). */
async function run(
  fn: (i: number) => Promise<unknown>,
  n: number,
  concurrency: number,
): Promise<{ wall: number; cpu: number }> {
  let next = 0;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  await withCorrelation("bench", () =>
    Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) await fn(next++);
      }),
    ),
  );
  const cpu = process.cpuUsage(cpu0);
  return { wall: ((performance.now() - start) * 1000) / n, cpu: (cpu.user + cpu.system) / n };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

const results: Record<string, unknown> = {};
for (const concurrency of [1, CONCURRENCY]) {
  await run(raw, 500, concurrency); // warm-up
  await run(stack, 500, concurrency);
  await run(openapiFetch, 500, concurrency);
  await run(rawWithTimeout, 500, concurrency);
  await run(stackNoTimeout, 500, concurrency);
  const rawRuns: { wall: number; cpu: number }[] = [];
  const stackRuns: { wall: number; cpu: number }[] = [];
  const plainRuns: { wall: number; cpu: number }[] = [];
  const rawTimeoutRuns: { wall: number; cpu: number }[] = [];
  const noTimeoutRuns: { wall: number; cpu: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // rotate the order so drift and GC pressure hit every variant alike
    const order = [
      () => run(raw, PER_ROUND, concurrency).then((x) => rawRuns.push(x)),
      () => run(rawWithTimeout, PER_ROUND, concurrency).then((x) => rawTimeoutRuns.push(x)),
      () => run(stack, PER_ROUND, concurrency).then((x) => stackRuns.push(x)),
      () => run(openapiFetch, PER_ROUND, concurrency).then((x) => plainRuns.push(x)),
      () => run(stackNoTimeout, PER_ROUND, concurrency).then((x) => noTimeoutRuns.push(x)),
    ];
    for (let k = 0; k < order.length; k++) await (order[(k + r) % order.length] as () => Promise<unknown>)();
  }
  const fmt = (x: number) => Number(x.toFixed(1));
  const summary = (k: "wall" | "cpu") => {
    const rawM = median(rawRuns.map((x) => x[k]));
    const stackM = median(stackRuns.map((x) => x[k]));
    const plainM = median(plainRuns.map((x) => x[k]));
    const rawTimeoutM = median(rawTimeoutRuns.map((x) => x[k]));
    const noTimeoutM = median(noTimeoutRuns.map((x) => x[k]));
    return {
      rawFetchUsPerRequest: fmt(rawM),
      rawFetchWithTimeoutUsPerRequest: fmt(rawTimeoutM),
      openapiFetchUsPerRequest: fmt(plainM),
      fullStackUsPerRequest: fmt(stackM),
      ratio: Number((stackM / rawM).toFixed(3)),
      ratioVsOpenapiFetch: Number((stackM / plainM).toFixed(3)),
      ratioVsRawFetchWithTimeout: Number((stackM / rawTimeoutM).toFixed(3)),
      fullStackNoTimeoutUsPerRequest: fmt(noTimeoutM),
      ratioNoTimeout: Number((noTimeoutM / rawM).toFixed(3)),
      rounds: {
        raw: rawRuns.map((x) => fmt(x[k])),
        rawWithTimeout: rawTimeoutRuns.map((x) => fmt(x[k])),
        openapiFetch: plainRuns.map((x) => fmt(x[k])),
        stack: stackRuns.map((x) => fmt(x[k])),
        stackNoTimeout: noTimeoutRuns.map((x) => fmt(x[k])),
      },
    };
  };
  const wall = summary("wall");
  const cpu = summary("cpu");
  results[`concurrency_${concurrency}`] = { wallClock: wall, cpuTime: cpu };
  console.log(
    `concurrency ${concurrency} [µs/request, median]\n` +
      `  wall: raw ${wall.rawFetchUsPerRequest}, raw+timeout ${wall.rawFetchWithTimeoutUsPerRequest}, openapi-fetch ${wall.openapiFetchUsPerRequest}, stack ${wall.fullStackUsPerRequest} → ${wall.ratio}× raw, ${wall.ratioVsRawFetchWithTimeout}× raw+timeout; stack timeoutMs:0 ${wall.fullStackNoTimeoutUsPerRequest} → ${wall.ratioNoTimeout}× raw\n` +
      `  cpu:  raw ${cpu.rawFetchUsPerRequest}, raw+timeout ${cpu.rawFetchWithTimeoutUsPerRequest}, openapi-fetch ${cpu.openapiFetchUsPerRequest}, stack ${cpu.fullStackUsPerRequest} → ${cpu.ratio}× raw, ${cpu.ratioVsRawFetchWithTimeout}× raw+timeout; stack timeoutMs:0 ${cpu.fullStackNoTimeoutUsPerRequest} → ${cpu.ratioNoTimeout}× raw (target ≤ 1.10 × raw)`,
  );
}

server.close();
const out = {
  benchmark: "http-overhead",
  description:
    "createHttpClient (bearer auth, correlation + traceparent, retry with budget, adaptive limiter, 10 s timeout enforced by an undici Agent dispatcher — timeouts: auto) vs raw fetch sending the same headers; 3 GET : 1 POST; loopback node:http",
  node: process.version,
  rounds: ROUNDS,
  requestsPerRound: PER_ROUND,
  target: "ratio <= 1.10",
  loadAverage: (await import("node:os")).loadavg(),
  results,
};
if (process.env.BENCH_RESULTS) writeFileSync(process.env.BENCH_RESULTS, `${JSON.stringify(out, null, 2)}\n`);
else console.log(JSON.stringify(out, null, 2));
