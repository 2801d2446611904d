/**
 * `@ledgerline/core/testing`: the fake-API kit for contract tests. Build a stateful vendor fake on an
 * OpenAPI document; it validates both sides of every exchange, injects seeded faults, and serves in-process
 * (`fake.fetch`; msw handlers from `@ledgerline/core/testing/msw`) or over HTTP on 127.0.0.1. Its validator
 * (`ajv`, `ajv-formats`) and YAML loader (`yaml`) are optional peer dependencies: install them as dev
 * dependencies where the fakes run; without them the kit throws a {@link MissingDependencyError} naming the package.
 * @packageDocumentation
 */
export { createFakeApi } from "./fake-api.js";
export {
  type ContractViolation,
  type FakeApi,
  type FakeApiOptions,
  FakeApiViolationError,
  type FakeOutcome,
  type FakeRequest,
  type FakeResponse,
  type FaultOptions,
  type FaultResponseKind,
  type GovernanceOptions,
  type HandledHook,
  type RawRequest,
  type RequestLogEntry,
  type RouteContext,
  type RouteDefinition,
  type RouteHandler,
} from "./fake-api-types.js";
export {
  fakeApiOptionsSchema,
  faultKindsOption,
  faultOptionsSchema,
  governanceOptionsSchema,
  latencyOption,
  probabilityOption,
  seedOption,
} from "./fake-options.js";
export { FAULT_KINDS, type FaultKind, seededRandom } from "./faults.js";
export type { FakeServer, ListenOptions } from "./http-server.js";
export { loadOpenApiDocument, type OpenApiDocument } from "./openapi-document.js";
export type { ContractProblem } from "./openapi-validator.js";
export { MissingDependencyError } from "./optional-dependency.js";
