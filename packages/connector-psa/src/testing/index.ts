/**
 * `@ledgerline/connector-psa/testing`: a stateful Kantata OX fake for contract tests and demos, on
 * `@ledgerline/core/testing`.
 * @packageDocumentation
 */
export {
  createKantataFake,
  KANTATA_DEFAULT_FAULTS,
  type KantataFake,
  type KantataFakeOptions,
} from "./kantata-fake.js";
export { INCLUDE_RULES, type IncludeRule } from "./kantata-includes.js";
export {
  FINANCIAL_WORKSPACE_FIELDS,
  type ListOutcome,
  type ListShape,
  listRecords,
  type RawQuery,
} from "./kantata-list.js";
export {
  type KantataSeed,
  type KantataState,
  KantataStore,
  type SeedRecord,
  UNSTAMPED_KEYS,
  updatedAtOf,
} from "./kantata-store.js";
