/**
 * A minimal stand-in for `Request` that openapi-fetch builds when no openapi-fetch middleware is
 * registered. undici's `Request` allocates an AbortController, a header list and a body stream; building
 * one only to unpack it again for the actual send cost ~25 % of a loopback round trip, so the client skips
 * it. As soon as `client.use(...)` registers middleware, real `Request` objects are built again.
 */
const encoder = new TextEncoder();

export class LightRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly signal: AbortSignal | undefined;
  readonly redirect: NonNullable<RequestInit["redirect"]>;
  readonly #body: RequestInit["body"];

  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.signal = init.signal ?? undefined;
    this.redirect = init.redirect ?? "follow";
    this.#body = init.body;
  }

  /**
   * The body as bytes (sets `content-type` the way `Request` would for FormData / Blob / URLSearchParams).
   * No body, strings and byte arrays — what openapi-fetch produces — are converted synchronously (no await
   * on the hot path); other body types need a `Request` to serialize them and return a promise.
   */
  bytes(): Uint8Array | undefined | Promise<Uint8Array | undefined> {
    const b = this.#body;
    if (b === null || b === undefined) return undefined;
    if (typeof b === "string") return encoder.encode(b);
    if (b instanceof Uint8Array) return new Uint8Array(b);
    if (b instanceof ArrayBuffer) return new Uint8Array(b.slice(0));
    return this.#serialize(b);
  }

  async #serialize(b: NonNullable<RequestInit["body"]>): Promise<Uint8Array> {
    const real = new Request(this.url, {
      method: this.method,
      headers: this.headers,
      body: b,
      duplex: "half",
    } as RequestInit);
    const type = real.headers.get("content-type");
    if (type && !this.headers.has("content-type")) this.headers.set("content-type", type);
    return new Uint8Array(await real.arrayBuffer());
  }
}

/** Reads the re-sendable body bytes of a real or light request (synchronously when it can). */
export function requestBytes(
  request: Request | LightRequest,
): Uint8Array | undefined | Promise<Uint8Array | undefined> {
  if (request instanceof LightRequest) return request.bytes();
  return request.body === null ? undefined : request.arrayBuffer().then((b) => new Uint8Array(b));
}
