import { z } from "zod";
import {
  fnOption,
  httpUrl,
  integerBetween,
  numberAtLeast,
  oneOf,
  optionsObject,
  stringList,
} from "../options.js";
import { FAULT_KINDS, type FaultKind } from "./faults.js";

/** Option schemas of the fake-API kit, shared by the vendor fakes built on it (validated at construction). */

const kinds = FAULT_KINDS as [FaultKind, ...FaultKind[]];

/** A probability from 0 to 1. */
export const probabilityOption = z
  .number({ error: "must be a number from 0 to 1" })
  .refine((v) => v >= 0 && v <= 1, "must be a number from 0 to 1");

/** Fault kinds: a list of kinds, or weights per kind (checked exactly against `FAULT_KINDS`). */
export const faultKindsOption = z.union(
  [z.array(oneOf(kinds)), z.partialRecord(oneOf(kinds), numberAtLeast(0))],
  { error: `must be a list of fault kinds or weights per kind (${FAULT_KINDS.join(", ")})` },
);

/** `{ minMs, maxMs }` simulated latency. */
export const latencyOption = optionsObject({ minMs: numberAtLeast(0), maxMs: numberAtLeast(0) }).refine(
  (l) => l.maxMs >= l.minMs,
  { path: ["maxMs"], message: "must be ≥ minMs" },
);

/** Seed of the fake's random source. */
export const seedOption = integerBetween(0, 2 ** 32 - 1);

/** Schema of `FaultOptions`. */
export const faultOptionsSchema = optionsObject({
  rate: probabilityOption.optional(),
  kinds: faultKindsOption.optional(),
  routes: stringList.optional(),
  retryAfterSeconds: numberAtLeast(0).optional(),
  latencyMs: numberAtLeast(0).optional(),
  timeoutAfterCommitMs: numberAtLeast(0).optional(),
  response: fnOption().optional(),
});

/** Schema of `GovernanceOptions`. */
export const governanceOptionsSchema = optionsObject({
  maxInFlight: integerBetween(1),
  response: fnOption().optional(),
});

/** Schema of `FakeApiOptions`. */
export const fakeApiOptionsSchema = optionsObject({
  spec: z.union([z.string().min(1), z.object({}).loose()], {
    error: "must be a path, YAML/JSON text or a parsed OpenAPI document",
  }),
  routes: z.record(z.string(), z.union([fnOption(), optionsObject({ handler: fnOption() })]), {
    error: "must map route keys to handlers",
  }),
  baseUrl: httpUrl.optional(),
  faults: faultOptionsSchema.optional(),
  governance: governanceOptionsSchema.optional(),
  latency: latencyOption.optional(),
  seed: seedOption.optional(),
  validateResponses: z.boolean({ error: "must be a boolean" }).optional(),
  requestLogLimit: integerBetween(0).optional(),
  onViolation: fnOption().optional(),
  onReset: fnOption().optional(),
});
