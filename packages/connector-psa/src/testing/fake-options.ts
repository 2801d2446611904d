import {
  fnOption,
  httpUrl,
  integerBetween,
  nonEmptyString,
  numberAtLeast,
  optionsObject,
} from "@ledgerline/core";
import { faultKindsOption, latencyOption, probabilityOption, seedOption } from "@ledgerline/core/testing";
import { z } from "zod";

/** Runtime schema of `KantataFakeOptions`: every option is checked when the fake is created. */
export const kantataFakeOptionsSchema = optionsObject({
  seed: optionsObject({}).optional(),
  tokens: z
    .union([nonEmptyString, z.array(nonEmptyString), fnOption()], {
      error: "must be a token, a list of tokens or a predicate",
    })
    .optional(),
  faults: optionsObject({
    rate: probabilityOption.optional(),
    kinds: faultKindsOption.optional(),
    timeoutAfterCommitMs: numberAtLeast(0).optional(),
  }).optional(),
  governance: optionsObject({ maxInFlight: integerBetween(1) }).optional(),
  latency: latencyOption.optional(),
  randomSeed: seedOption.optional(),
  now: fnOption().optional(),
  baseUrl: httpUrl.optional(),
});
