import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeOutcome, RawRequest } from "./fake-api-types.js";

/** Where to listen. */
export interface ListenOptions {
  /** @default "127.0.0.1" */
  host?: string;
  /** @default 0 (an ephemeral port) */
  port?: number;
}

/** A fake served over HTTP. */
export interface FakeServer {
  /** Base URL including the document's base path, e.g. `http://127.0.0.1:50123/services/rest`. */
  url: string;
  /** `http://127.0.0.1:50123` */
  origin: string;
  port: number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Serves a fake's request handler over node:http. */
export async function serveOverHttp(
  handle: (raw: RawRequest) => Promise<FakeOutcome>,
  basePath: string,
  options: ListenOptions,
): Promise<FakeServer> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer((req, res) => {
    void onRequest(req, res, handle, host);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url: `${origin}${basePath}`,
    origin,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function onRequest(
  req: IncomingMessage,
  res: ServerResponse,
  handle: (raw: RawRequest) => Promise<FakeOutcome>,
  host: string,
): Promise<void> {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const outcome = await handle({
    method: req.method ?? "GET",
    url: new URL(req.url ?? "/", `http://${req.headers.host ?? host}`),
    headers,
    rawBody: Buffer.concat(chunks).toString("utf8"),
    signal: controller.signal,
  });
  if (outcome.type === "response") {
    const out: Record<string, string> = {};
    outcome.headers.forEach((value, name) => {
      out[name] = value;
    });
    res.writeHead(outcome.status, out);
    res.end(outcome.status === 204 || outcome.status === 304 ? undefined : outcome.body);
    return;
  }
  if (outcome.type === "drop" && !controller.signal.aborted) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, outcome.afterMs);
      controller.signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  req.socket.destroy();
}
