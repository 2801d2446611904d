/**
 * `@ledgerline/connector-workday/testing`: a stateful Workday fake (REST collections, token endpoint, RaaS)
 * for contract tests and demos, on `@ledgerline/core/testing`.
 * @packageDocumentation
 */

export type { components } from "../generated/workday.js";
export type {
  WorkdayInstance,
  WorkdayJob,
  WorkdayOrganization,
  WorkdayWorker,
} from "../workday-types.js";
export {
  createWorkdayFake,
  type FakeReport,
  WORKDAY_DEFAULT_FAULTS,
  WORKDAY_FAKE_CREDENTIALS,
  type WorkdayFake,
  type WorkdayFakeOptions,
  type WorkdaySeed,
} from "./workday-fake.js";
