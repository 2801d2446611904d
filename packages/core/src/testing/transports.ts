import type { FakeOutcome, RawRequest } from "./fake-api-types.js";

/** Serves a fake in-process as a `fetch` function. */
export function createFakeFetch(
  handle: (raw: RawRequest) => Promise<FakeOutcome>,
): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  return async (input, init) => {
    const request = new Request(input, init);
    // Follow the caller's own signal, not the Request's copy: undici's copy follows its parent only while
    // the Request's internal controller is alive, so after a GC it can miss the abort (a timeout then
    // never reaches a held connection).
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined) ?? request.signal;
    const raw = await toRawRequest(request);
    return toFetchResponse(await handle({ ...raw, signal }), signal);
  };
}

/** The transport-neutral view of a fetch `Request` that the fake's handler takes. */
export async function toRawRequest(request: Request): Promise<RawRequest> {
  return {
    method: request.method,
    url: new URL(request.url),
    headers: request.headers,
    rawBody: await request.text(),
    signal: request.signal,
  };
}

/** Resolves after `ms`, or as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

export function toResponse(outcome: Extract<FakeOutcome, { type: "response" }>): Response {
  const nullBody = outcome.status === 204 || outcome.status === 304 || outcome.body.length === 0;
  return new Response(nullBody ? null : outcome.body, { status: outcome.status, headers: outcome.headers });
}

async function toFetchResponse(outcome: FakeOutcome, signal: AbortSignal): Promise<Response> {
  if (outcome.type === "response") return toResponse(outcome);
  if (outcome.type === "drop") {
    await sleep(outcome.afterMs, signal);
    if (signal.aborted) throw signal.reason ?? new DOMException("This operation was aborted", "AbortError");
  }
  const cause = Object.assign(new Error("read ECONNRESET (injected by the fake API)"), {
    code: "ECONNRESET",
  });
  throw new TypeError("fetch failed", { cause });
}
