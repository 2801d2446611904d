import { z } from "zod";

/**
 * Construction-time option validation shared by every public constructor and factory of Ledgerline.
 *
 * Options are described by zod schemas (zod is the canonical model's schema library already; one schema
 * states type, range and enum of each option and gives a path for every problem). A bad option throws a
 * `TypeError` whose message names the option path (`auth.privateKey`, `limits.maxConcurrency`) and the
 * reason — never the value, which may be a secret.
 */

/** The shape zod issues take here (path + message), kept minimal so other validators can feed it. */
interface OptionIssue {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  errors?: readonly (readonly OptionIssue[])[];
}

/**
 * Replaces each union failure by the issues of the branch the value got into (all its issues below the
 * union's own path, i.e. the value had that branch's type); when no branch got that far, the union's own
 * message ("must be a Limiter or limiter options") stands.
 */
function flatten(issues: readonly OptionIssue[], prefix: readonly PropertyKey[] = []): OptionIssue[] {
  const out: OptionIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors) {
      const entered = issue.errors.find(
        (branch) => branch.length > 0 && branch.every((i) => i.path.length > 0 || i.code === "invalid_union"),
      );
      if (entered) {
        out.push(...flatten(entered, path));
        continue;
      }
    }
    out.push({ path, message: issue.message });
  }
  return out;
}

/** Formats an option path: `auth.privateKey`, `retry.retryableStatuses[2]`. */
function formatOptionPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

function reasonOf(issue: OptionIssue): string {
  return issue.message.replace(/^Invalid input: /, "").replace(/^Invalid option: /, "");
}

/**
 * Builds the `TypeError` thrown for invalid options: `<where>: option "<path>" <reason>` for each problem
 * (joined with `; `), or `<where>: options must be an object` for a missing options object.
 */
export function optionsError(where: string, issues: readonly OptionIssue[]): TypeError {
  const parts = flatten(issues).map((issue) =>
    issue.path.length === 0
      ? `options ${reasonOf(issue)}`
      : `option "${formatOptionPath(issue.path)}" ${reasonOf(issue)}`,
  );
  return new TypeError(`${where}: ${parts.join("; ")}`);
}

/**
 * Validates `value` against an options schema and returns the parsed value. Throws a `TypeError` naming
 * `where` (the constructor, e.g. `"createHttpClient"`), each offending option path and the reason; the
 * value itself never appears in the message.
 * @example
 * const options = parseOptions(z.object({ concurrency: z.int().min(1).optional() }), raw, "runBatch");
 * @throws TypeError when an option is invalid
 */
export function parseOptions<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value, { reportInput: false });
  if (result.success) return result.data;
  throw optionsError(where, result.error.issues);
}

/** Options object (a non-null object, arrays excluded); `message` as the reason otherwise. */
function objectIssue(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A schema accepting any object (unknown keys kept) that matches `shape`; anything else fails with
 * "must be an object". Use for every options object so typos in nested values are caught while extra keys
 * (options of a newer release, vendor extras) pass through.
 */
export function optionsObject<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  return z.looseObject(shape, {
    error: (issue) => (objectIssue(issue.input) ? undefined : "must be an object"),
  });
}

/** A function-valued option. */
export function fnOption<T extends (...args: never[]) => unknown = (...args: never[]) => unknown>(
  description = "a function",
) {
  return z.custom<T>((v) => typeof v === "function", { error: `must be ${description}` });
}

/** An object with the given function members (duck typing: works across copies of a package). */
export function withMethods<T>(methods: readonly string[], description: string) {
  return z.custom<T>(
    (v) =>
      typeof v === "object" &&
      v !== null &&
      methods.every((m) => typeof (v as Record<string, unknown>)[m] === "function"),
    { error: `must be ${description} (an object with ${methods.map((m) => `${m}()`).join(", ")})` },
  );
}

/** A non-empty string. */
export const nonEmptyString = z
  .string({ error: "must be a non-empty string" })
  .min(1, "must be a non-empty string");

/** An absolute http(s) URL string. */
export const httpUrl = z
  .string({ error: "must be an absolute http(s) URL" })
  .refine((v) => /^https?:\/\/[^/\s]/i.test(v) && URL.canParse(v), "must be an absolute http(s) URL");

/** A finite number ≥ `min`. */
export function numberAtLeast(min: number) {
  return z
    .number({ error: `must be a finite number ≥ ${min}` })
    .refine((v) => Number.isFinite(v) && v >= min, `must be a finite number ≥ ${min}`);
}

/** An integer ≥ `min` (and ≤ `max` when given). */
export function integerBetween(min: number, max?: number) {
  const range = max === undefined ? `≥ ${min}` : `from ${min} to ${max}`;
  return z
    .number({ error: `must be an integer ${range}` })
    .refine(
      (v) => Number.isInteger(v) && v >= min && (max === undefined || v <= max),
      `must be an integer ${range}`,
    );
}

/** Exactly one of `values` (checked exactly: no case folding, no fallback). */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.map((v) => `"${v}"`).join(", ")}` });
}

/** An array of non-empty strings. */
export const stringList = z.array(nonEmptyString, { error: "must be an array of strings" });

// ---- Schemas of core's shared option values (used by createHttpClient and the connector factories) ----

/** `fetch`: a transport function. */
export const transportOption = fnOption("a fetch-compatible function (request) => Promise<Response>");

/** `auth` of `createHttpClient`: a `TokenProvider` or a `RequestSigner`. */
export const httpAuthOption = z.custom(
  (v) =>
    typeof v === "object" &&
    v !== null &&
    (typeof (v as { sign?: unknown }).sign === "function" ||
      (typeof (v as { getToken?: unknown }).getToken === "function" &&
        typeof (v as { invalidate?: unknown }).invalidate === "function")),
  { error: "must be a TokenProvider (getToken(), invalidate()) or a RequestSigner (sign())" },
);

/** `logger`: pino-compatible. */
export const loggerOption = withMethods(
  ["trace", "debug", "info", "warn", "error", "child"],
  "a pino-compatible logger",
);

/** `tracer`: an OpenTelemetry tracer. */
export const tracerOption = withMethods(["startSpan"], "an OpenTelemetry tracer");

const hooksObject = optionsObject({
  onRequestStart: fnOption().optional(),
  onRequestEnd: fnOption().optional(),
  onRetry: fnOption().optional(),
  onRateLimited: fnOption().optional(),
});

/** `hooks`: one hooks object or an array of them. */
export const hooksOption = z.union([hooksObject, z.array(hooksObject)], {
  error: "must be an HttpHooks object or an array of them",
});

/** `sensitiveFields`: field paths whose values are redacted. */
export const sensitiveFieldsOption = stringList;

/** `timeoutMs`: per-attempt timeout, `0` = none. */
export const timeoutMsOption = numberAtLeast(0);

const retryBudgetOptions = optionsObject({
  capacity: numberAtLeast(0).optional(),
  retryCost: numberAtLeast(0).optional(),
  timeoutRetryCost: numberAtLeast(0).optional(),
  successIncrement: numberAtLeast(0).optional(),
});

/** `retry`: core's retry policy or `false`. */
export const retryOption = z.union(
  [
    z.literal(false),
    optionsObject({
      maxAttempts: integerBetween(1).optional(),
      baseDelayMs: numberAtLeast(0).optional(),
      maxDelayMs: numberAtLeast(0).optional(),
      maxRetryAfterMs: numberAtLeast(0).optional(),
      jitter: z
        .number({ error: "must be a number from 0 to 1" })
        .refine((v) => v >= 0 && v <= 1, "must be a number from 0 to 1")
        .optional(),
      retryableStatuses: z
        .array(integerBetween(100, 599), { error: "must be an array of HTTP statuses" })
        .optional(),
      retryableVendorCodes: stringList.optional(),
      nonRetryableVendorCodes: stringList.optional(),
      refusalVendorCodes: stringList.optional(),
      refusalMaxWaitMs: numberAtLeast(0).optional(),
      classify: fnOption().optional(),
      budget: z
        .union(
          [
            z.literal(false),
            withMethods(["tryAcquire", "recordSuccess"], "a RetryBudget"),
            retryBudgetOptions,
          ],
          {
            error: "must be false, a RetryBudget or RetryBudget options",
          },
        )
        .optional(),
      random: fnOption().optional(),
    }),
  ],
  { error: "must be retry options or false" },
);

/** True for a `Limiter` (duck-typed, so a Limiter from another copy of core is accepted). */
export function isLimiterLike(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { run?: unknown }).run === "function" &&
    typeof (value as { onThrottle?: unknown }).onThrottle === "function"
  );
}

/** Limiter options (not an instance). */
export const limiterOptionsSchema = optionsObject({
  maxConcurrency: integerBetween(1).optional(),
  ratePerInterval: optionsObject({
    limit: integerBetween(1),
    intervalMs: numberAtLeast(0).refine((v) => v > 0, "must be > 0"),
  }).optional(),
  adaptive: z
    .union(
      [
        z.boolean(),
        optionsObject({
          min: integerBetween(1).optional(),
          increaseEvery: integerBetween(1).optional(),
          probeEvery: integerBetween(1).optional(),
          slowStart: z.boolean({ error: "must be a boolean" }).optional(),
        }),
      ],
      {
        error: "must be a boolean or adaptive-concurrency options",
      },
    )
    .optional(),
});

/** `limits`: a shared `Limiter` or limiter options. */
export const limitsOption = z.union([z.custom((v) => isLimiterLike(v)), limiterOptionsSchema], {
  error: "must be a Limiter or limiter options",
});

/** `ledger`: anything implementing core's `Ledger` (`get`, `record`, `entries`, `close`). */
export const ledgerOption = withMethods(["get", "record", "entries", "close"], "a Ledger");
