import { httpUrl, integerBetween, nonEmptyString, numberAtLeast, optionsObject } from "@ledgerline/core";
import { faultKindsOption, latencyOption, probabilityOption, seedOption } from "@ledgerline/core/testing";
import { z } from "zod";

/** Runtime schema of `NetSuiteFakeOptions`: every option is checked when the fake is created. */
export const netSuiteFakeOptionsSchema = optionsObject({
  spec: z
    .union([z.string().min(1), z.object({}).loose()], { error: "must be a path, text or parsed document" })
    .optional(),
  baseUrl: httpUrl.optional(),
  concurrencyLimit: integerBetween(1).optional(),
  faultRate: probabilityOption.optional(),
  faultKinds: faultKindsOption.optional(),
  timeoutAfterCommitMs: numberAtLeast(0).optional(),
  latency: latencyOption.optional(),
  seed: seedOption.optional(),
  records: z
    .record(z.string(), z.array(z.record(z.string(), z.unknown())), {
      error: "must map record types to arrays of records",
    })
    .optional(),
  strictReferences: z.boolean({ error: "must be a boolean" }).optional(),
  asyncPollsBeforeDone: integerBetween(0).optional(),
  requireAuth: z.boolean({ error: "must be a boolean" }).optional(),
  token: optionsObject({
    clientId: nonEmptyString.optional(),
    certificateId: nonEmptyString.optional(),
    publicKey: z.unknown().optional(),
  }).optional(),
  tba: optionsObject({
    realm: nonEmptyString.optional(),
    consumerKey: nonEmptyString,
    consumerSecret: nonEmptyString,
    tokenId: nonEmptyString,
    tokenSecret: nonEmptyString,
  }).optional(),
  suiteqlRowLimit: integerBetween(1).optional(),
});
