import { parseOptions } from "../options.js";
import type {
  ContractViolation,
  FakeApi,
  FakeApiOptions,
  FakeOutcome,
  FakeRequest,
  FakeResponse,
  FaultResponseKind,
  HandledHook,
  RawRequest,
  RequestLogEntry,
  RouteDefinition,
} from "./fake-api-types.js";
import { FakeApiViolationError } from "./fake-api-types.js";
import { fakeApiOptionsSchema } from "./fake-options.js";
import { FAULT_KINDS, type FaultKind, pickWeighted, seededRandom } from "./faults.js";
import { type FakeServer, serveOverHttp } from "./http-server.js";
import {
  defaultServerUrl,
  listOperations,
  loadOpenApiDocument,
  type OpenApiDocument,
  type OpenApiOperation,
} from "./openapi-document.js";
import { type ContractProblem, isJsonType, OpenApiValidator } from "./openapi-validator.js";
import { createFakeFetch, sleep } from "./transports.js";

/**
 * Creates a fake of a vendor API from its OpenAPI document and stateful route handlers. Every request is
 * validated against the document (path, path/query parameters, headers, body) and so is every response a
 * route returns; violations are answered loudly (400 / 500 with the message), recorded in `violations`,
 * and `assertNoViolations()` fails the test. Faults are injected from a seeded random sequence.
 * @example
 * const fake = createFakeApi({
 *   spec: "openapi/netsuite.yaml",
 *   routes: { "PUT /record/v1/timeBill/eid:{externalId}": (req) => ({ status: 204, headers: { Location: "…/1" } }) },
 *   faults: { rate: 0.2, kinds: ["rate-limit", "timeout-after-commit"] },
 * });
 * const server = await fake.listen(); // server.url → "http://127.0.0.1:PORT/services/rest"
 */
export function createFakeApi(options: FakeApiOptions): FakeApi {
  parseOptions(fakeApiOptionsSchema, options, "createFakeApi");
  const doc: OpenApiDocument = loadOpenApiDocument(options.spec);
  const operations = listOperations(doc);
  const validator = new OpenApiValidator(doc);
  const baseUrl = (options.baseUrl ?? defaultServerUrl(doc) ?? "http://fake-api.test").replace(/\/+$/, "");
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  const byRoute = new Map(operations.map((op) => [op.route, op]));

  const routes = new Map<string, RouteDefinition>();
  for (const [key, value] of Object.entries(options.routes)) {
    const normalised = key.trim().replace(/^(\w+)\s+/, (_, m: string) => `${m.toUpperCase()} `);
    if (!byRoute.has(normalised)) {
      throw new TypeError(
        `createFakeApi: route "${key}" is not an operation of the document (use "METHOD /path/template" as written in "paths")`,
      );
    }
    routes.set(normalised, typeof value === "function" ? { handler: value } : value);
  }

  const faults = options.faults ?? {};
  let faultRate = validateRate(faults.rate ?? 0);
  const weights: [FaultKind, number][] = Array.isArray(faults.kinds)
    ? (faults.kinds as FaultKind[]).map((k) => [k, 1])
    : faults.kinds
      ? (Object.entries(faults.kinds) as [FaultKind, number][])
      : FAULT_KINDS.map((k) => [k, 1]);
  for (const [kind, weight] of weights) {
    if (!FAULT_KINDS.includes(kind))
      throw new TypeError(`createFakeApi: unknown fault kind "${kind}" in "faults.kinds"`);
    if (!(weight >= 0))
      throw new TypeError(`createFakeApi: weight of "${kind}" in "faults.kinds" must be >= 0`);
  }
  if (options.governance && !(options.governance.maxInFlight >= 1)) {
    throw new TypeError('createFakeApi: option "governance.maxInFlight" must be >= 1');
  }
  const seed = options.seed ?? 1;
  const logLimit = options.requestLogLimit ?? 1000;
  const validateResponses = options.validateResponses ?? true;

  let random = seededRandom(seed);
  let seq = 0;
  let inFlight = 0;
  let violations: ContractViolation[] = [];
  let log: RequestLogEntry[] = [];
  let callCounts = new Map<string, number>();
  let handledCounts = new Map<string, number>();
  let queued: { kind: FaultKind; route?: string; times: number }[] = [];
  const servers = new Set<FakeServer>();
  const handledHooks: HandledHook[] = [];

  const bump = (map: Map<string, number>, key: string) => {
    map.set(key, (map.get(key) ?? 0) + 1);
    map.set("*", (map.get("*") ?? 0) + 1);
  };

  const violate = (
    kind: ContractViolation["kind"],
    method: string,
    path: string,
    route: string | undefined,
    problems: ContractProblem[],
  ): ContractViolation => {
    const where = route ? `${route} (${method} ${path})` : `${method} ${path}`;
    const lines = problems.map(
      (p) => `${where}: ${p.location}${p.field ? ` field "${p.field}"` : ""}: ${p.message}`,
    );
    const violation: ContractViolation = {
      kind,
      method,
      path,
      ...(route ? { route } : {}),
      problems,
      message: lines.join("\n"),
    };
    violations.push(violation);
    options.onViolation?.(violation);
    return violation;
  };

  const violationResponse = (status: number, violation: ContractViolation): FakeOutcome => ({
    type: "response",
    status,
    headers: new Headers({ "content-type": "application/json", "x-fake-api-violation": violation.kind }),
    body: JSON.stringify({
      error: "FakeApiContractViolation",
      kind: violation.kind,
      message: violation.message,
    }),
  });

  const faultResponse = (kind: FaultResponseKind, request: FakeRequest): FakeResponse => {
    const custom =
      kind === "governance" && options.governance?.response
        ? options.governance.response(request)
        : faults.response?.(kind, request);
    const status = custom?.status ?? (kind === "unavailable" ? 503 : 429);
    const headers: Record<string, string> = { ...(custom?.headers ?? {}) };
    for (const name of Object.keys(headers)) if (name.toLowerCase() === "retry-after") delete headers[name];
    if (kind === "rate-limit") headers["Retry-After"] = String(faults.retryAfterSeconds ?? 1);
    const body = custom
      ? custom.body
      : {
          error: kind === "unavailable" ? "service_unavailable" : "rate_limited",
          message: `Injected fault: ${kind}`,
        };
    return { status, headers, body };
  };

  const eligible = (route: string) =>
    routes.get(route)?.faults ?? (faults.routes ? faults.routes.includes(route) : true);

  const chooseFault = (route: string): FaultKind | undefined => {
    const index = queued.findIndex((q) => q.route === undefined || q.route === route);
    if (index >= 0) {
      const q = queued[index]!;
      q.times--;
      if (q.times <= 0) queued.splice(index, 1);
      return q.kind;
    }
    if (faultRate > 0 && eligible(route) && random() < faultRate) {
      return pickWeighted(weights, random());
    }
    return undefined;
  };

  const handle = async (raw: RawRequest): Promise<FakeOutcome> => {
    const started = performance.now();
    const method = raw.method.toUpperCase();
    let path = decodeURI(raw.url.pathname);
    if (basePath && (path === basePath || path.startsWith(`${basePath}/`)))
      path = path.slice(basePath.length) || "/";
    const entry: RequestLogEntry = {
      seq: ++seq,
      method,
      path,
      handled: false,
      violation: false,
      durationMs: 0,
    };
    log.push(entry);
    if (log.length > logLimit) log.shift();
    inFlight++;
    const finish = (outcome: FakeOutcome): FakeOutcome => {
      inFlight--;
      entry.durationMs = performance.now() - started;
      if (outcome.type === "response") {
        entry.status = outcome.status;
        entry.violation = outcome.headers.has("x-fake-api-violation");
      }
      return outcome;
    };
    try {
      return finish(await serve(raw, method, path, entry, started));
    } catch (error) {
      const v = violate("handler-error", method, path, entry.route, [
        { location: "fake", field: "", message: error instanceof Error ? error.message : String(error) },
      ]);
      return finish(violationResponse(500, v));
    }
  };

  const serve = async (
    raw: RawRequest,
    method: string,
    path: string,
    entry: RequestLogEntry,
    arrived: number,
  ): Promise<FakeOutcome> => {
    const candidates = operations.filter((op) => op.matcher.test(path));
    const op = candidates.find((o) => o.method === method);
    if (!op) {
      const message = candidates.length
        ? `method ${method} is not documented for this path (documented: ${[...new Set(candidates.map((c) => c.method))].join(", ")})`
        : "path is not documented";
      const v = violate("request", method, path, undefined, [{ location: "request", field: "", message }]);
      bump(callCounts, `${method} ${path}`);
      return violationResponse(candidates.length ? 405 : 404, v);
    }
    entry.route = op.route;
    bump(callCounts, op.route);

    const params = pathParams(op, path);
    const problems = validator.validateRequest(op, {
      method,
      pathParams: params,
      query: raw.url.searchParams,
      headers: raw.headers,
      rawBody: raw.rawBody,
    });
    if (problems.length > 0)
      return violationResponse(400, violate("request", method, path, op.route, problems));

    const route = routes.get(op.route);
    if (!route) {
      const v = violate("unhandled", method, path, op.route, [
        { location: "fake", field: "", message: "no route handler is registered for this operation" },
      ]);
      return violationResponse(501, v);
    }

    const request: FakeRequest = {
      method,
      path,
      route: op.route,
      ...(op.operationId ? { operationId: op.operationId } : {}),
      params,
      query: raw.url.searchParams,
      headers: raw.headers,
      body: parseBody(raw.rawBody, raw.headers.get("content-type")),
      rawBody: raw.rawBody,
      url: raw.url,
    };

    if (options.latency) {
      // Latency counts from the request's arrival: the time spent validating it is part of it.
      const { minMs, maxMs } = options.latency;
      const latency = minMs + random() * Math.max(0, maxMs - minMs);
      await sleep(latency - (performance.now() - arrived), raw.signal);
    }
    if (options.governance && inFlight > options.governance.maxInFlight) {
      entry.fault = "governance";
      return checkedFault(faultResponse("governance", request), op, method, path);
    }

    const fault = chooseFault(op.route);
    if (fault) entry.fault = fault;
    switch (fault) {
      case "rate-limit":
      case "rate-limit-no-retry-after":
      case "unavailable":
        return checkedFault(faultResponse(fault, request), op, method, path);
      case "connection-reset":
        return { type: "reset" };
      case "latency":
        await sleep(faults.latencyMs ?? 200, raw.signal);
        break;
    }

    entry.handled = true;
    bump(handledCounts, op.route);
    const response = await route.handler(request, { signal: raw.signal, seq: entry.seq, random });
    for (const hook of [...handledHooks]) await hook(request, response);
    const outcome = render(response, op);
    if (validateResponses && outcome.type === "response") {
      const responseProblems = validator.validateResponse(op, outcome.status, outcome.headers, outcome.body);
      if (responseProblems.length > 0) {
        return violationResponse(500, violate("response", method, path, op.route, responseProblems));
      }
    }
    if (fault === "timeout-after-commit")
      return { type: "drop", afterMs: faults.timeoutAfterCommitMs ?? 1000 };
    return outcome;
  };

  /**
   * Injected error responses are checked against the document too (when it documents their status, e.g.
   * through `default`), so a vendor fake's error bodies cannot drift; a mismatch is recorded as a
   * violation but the fault is still sent, since the transport behaviour is what the test asked for.
   */
  const checkedFault = (
    response: FakeResponse,
    op: OpenApiOperation,
    method: string,
    path: string,
  ): FakeOutcome => {
    const outcome = render(response, op);
    if (validateResponses && outcome.type === "response") {
      const problems = validator
        .validateResponse(op, outcome.status, outcome.headers, outcome.body)
        .filter((p) => !(p.location === "response" && p.message.endsWith("is not documented")));
      if (problems.length > 0) violate("response", method, path, op.route, problems);
    }
    return outcome;
  };

  const render = (response: FakeResponse, op: OpenApiOperation | undefined): FakeOutcome => {
    if (typeof response !== "object" || response === null || !Number.isInteger(response.status)) {
      throw new TypeError("route handler returned no { status } object");
    }
    const headers = new Headers(response.headers ?? {});
    let body = "";
    if (
      response.body !== undefined &&
      response.body !== null &&
      response.status !== 204 &&
      response.status !== 304
    ) {
      if (typeof response.body === "string") {
        body = response.body;
        if (!headers.has("content-type")) headers.set("content-type", "text/plain; charset=utf-8");
      } else {
        body = JSON.stringify(response.body);
        if (!headers.has("content-type")) {
          headers.set(
            "content-type",
            (op && validator.documentedJsonType(op, response.status)) ?? "application/json",
          );
        }
      }
    }
    return { type: "response", status: response.status, headers, body };
  };

  const fake: FakeApi = {
    fetch: createFakeFetch(handle),
    handle,
    async listen(listenOptions = {}) {
      const server = await serveOverHttp(handle, basePath, listenOptions);
      servers.add(server);
      const close = server.close;
      return {
        ...server,
        close: async () => {
          servers.delete(server);
          await close();
        },
      };
    },
    async close() {
      await Promise.all([...servers].map((s) => s.close()));
      servers.clear();
    },
    get violations() {
      return violations;
    },
    assertNoViolations() {
      if (violations.length > 0) throw new FakeApiViolationError(violations);
    },
    get requests() {
      return log;
    },
    calls: (route) => callCounts.get(route ?? "*") ?? 0,
    handled: (route) => handledCounts.get(route ?? "*") ?? 0,
    injectFault(kind, opts = {}) {
      if (!FAULT_KINDS.includes(kind)) throw new TypeError(`injectFault: unknown fault kind "${kind}"`);
      if (opts.route !== undefined && !byRoute.has(opts.route)) {
        throw new TypeError(`injectFault: "${opts.route}" is not an operation of the document`);
      }
      queued.push({
        kind,
        ...(opts.route === undefined ? {} : { route: opts.route }),
        times: opts.times ?? 1,
      });
    },
    setFaultRate(rate) {
      faultRate = validateRate(rate);
    },
    reset() {
      random = seededRandom(seed);
      seq = 0;
      violations = [];
      log = [];
      callCounts = new Map();
      handledCounts = new Map();
      queued = [];
      options.onReset?.();
    },
    onHandled(hook) {
      if (typeof hook !== "function") throw new TypeError('onHandled: "hook" must be a function');
      handledHooks.push(hook);
      return () => {
        const at = handledHooks.indexOf(hook);
        if (at >= 0) handledHooks.splice(at, 1);
      };
    },
    get inFlight() {
      return inFlight;
    },
    baseUrl,
    operations: operations.map((op) => op.route),
  };
  return fake;
}

function validateRate(rate: number): number {
  if (!(rate >= 0 && rate <= 1))
    throw new TypeError(`createFakeApi: fault "rate" must be between 0 and 1, got ${rate}`);
  return rate;
}

function pathParams(op: OpenApiOperation, path: string): Record<string, string> {
  const match = op.matcher.exec(path);
  const params: Record<string, string> = {};
  op.paramNames.forEach((name, i) => {
    const value = match?.[i + 1];
    if (value !== undefined) params[name] = safeDecode(value);
  });
  return params;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function parseBody(rawBody: string, contentType: string | null): unknown {
  if (rawBody.length === 0) return undefined;
  if (contentType && isJsonType(contentType)) {
    try {
      return JSON.parse(rawBody);
    } catch {
      return rawBody;
    }
  }
  if (contentType?.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(rawBody));
  }
  return rawBody;
}
