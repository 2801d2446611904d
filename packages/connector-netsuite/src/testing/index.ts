/**
 * `@ledgerline/connector-netsuite/testing`: a stateful NetSuite fake on `@ledgerline/core/testing` for
 * contract tests and demos — no sandbox needed.
 * @packageDocumentation
 */

export {
  createNetSuiteFake,
  type NetSuiteFake,
  type NetSuiteFakeOptions,
  type NetSuiteFakeSnapshot,
} from "./fake.js";
export { errorBody, FakeNetSuiteError, type NetSuiteErrorResponseBody } from "./fake-error.js";
export {
  type PropertyNameCheck,
  type PropertyNames,
  propertyNamesFromSpec,
  type UnknownProperty,
} from "./property-names.js";
export type { DroppedProperty, PropertyNameValidation } from "./routes.js";
export {
  type FakeNetSuiteState,
  type FakeRecord,
  type FakeRecordType,
  type FakeStoreChange,
  READ_ONLY_TYPES,
  WRITABLE_TYPES,
} from "./store.js";
export type { FakeTbaCredentials } from "./tba-check.js";
export type { AcceptedAssertion, FakeTokenOptions } from "./token-endpoint.js";
