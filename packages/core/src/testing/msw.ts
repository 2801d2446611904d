/**
 * `@ledgerline/core/testing/msw`: serves a fake API as [msw](https://mswjs.io) request handlers, for
 * `setupServer(...)`. A subpath of its own so that only projects that use msw (≥ 2, an optional peer
 * dependency) load it or its types; `@ledgerline/core/testing` names no msw type.
 * @packageDocumentation
 */
import { type HttpHandler, HttpResponse, http } from "msw";
import type { FakeApi } from "./fake-api-types.js";
import { sleep, toRawRequest, toResponse } from "./transports.js";

export type { FakeApi } from "./fake-api-types.js";

/** Options of {@link mswHandlers}. */
export interface MswHandlersOptions {
  /** URLs below this base are served by the fake. @default the fake's `baseUrl` */
  baseUrl?: string;
}

/**
 * msw request handlers that serve every URL below the base URL with `fake`, faults included (a dropped
 * connection becomes `HttpResponse.error()`).
 * @example
 * import { setupServer } from "msw/node";
 * const server = setupServer(...mswHandlers(fake));
 * server.listen();
 */
export function mswHandlers(fake: FakeApi, options: MswHandlersOptions = {}): HttpHandler[] {
  const baseUrl = (options.baseUrl ?? fake.baseUrl).replace(/\/+$/, "");
  return [
    http.all(`${baseUrl}/*`, async ({ request }) => {
      const outcome = await fake.handle(await toRawRequest(request));
      if (outcome.type === "response") return toResponse(outcome);
      if (outcome.type === "drop") await sleep(outcome.afterMs, request.signal);
      return HttpResponse.error();
    }),
  ];
}
