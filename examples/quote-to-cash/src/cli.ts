import { parseArgs } from "node:util";

/** What the user asked for on the command line. */
export interface DemoOptions {
  /** Clear the idempotency ledger and the fakes' saved state before running. */
  reset: boolean;
  /** Share of requests (0 ≤ rate < 1) on which both fakes inject a transient fault. */
  faults: number;
  /** Print one JSON summary object as the last line of stdout. */
  json: boolean;
  /** Approve the pending timesheets in the Kantata fake before reading (as the project managers would). */
  approve: boolean;
  /** Seed of the deterministic data generator. */
  seed: number;
  /** Print the usage text and exit. */
  help: boolean;
}

/** A command-line argument the demo cannot use; `flag` names it. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  constructor(
    readonly flag: string,
    message: string,
  ) {
    super(`${flag}: ${message}`);
  }
}

/** The seed used when `--seed` is not given; the data set is identical on every machine. */
export const DEFAULT_SEED = 20261031;

export const USAGE = `Usage: npm run demo -- [options]

Runs the quote-to-cash flow against local Kantata and NetSuite fakes (no credentials needed):
clients and projects upserted into NetSuite, approved time and expenses posted idempotently,
a PSA-vs-NetSuite reconciliation per project.

Options:
  --reset          clear the idempotency ledger and the fakes' saved state (.ledgerline/) first
  --faults <rate>  inject transient faults (429, 503, connection resets, timeouts after commit)
                   on this share of requests to both fakes, e.g. 0.2
  --approve        first approve the pending timesheets and expense reports in the Kantata fake (as the
                   managers would), so this run posts the time and expenses that were awaiting approval
  --json           print one JSON summary object as the last line of stdout
  --seed <n>       seed of the generated data set (default ${DEFAULT_SEED}); a different seed on an
                   existing .ledgerline/ state needs --reset
  -h, --help       show this text`;

/**
 * Parses the demo's arguments (`process.argv.slice(2)`).
 * @throws UsageError naming the flag when a flag is unknown or its value is invalid.
 */
export function parseCli(argv: readonly string[]): DemoOptions {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'(-{1,2}[^'\s]+)/.exec(message)?.[1] ?? "arguments";
    throw new UsageError(flag, message);
  }
  return {
    reset: values.reset ?? false,
    json: values.json ?? false,
    approve: values.approve ?? false,
    help: values.help ?? false,
    faults: parseRate(values.faults),
    seed: parseSeed(values.seed),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      reset: { type: "boolean" },
      faults: { type: "string" },
      json: { type: "boolean" },
      approve: { type: "boolean" },
      seed: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function parseRate(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const rate = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(rate) || rate < 0 || rate >= 1) {
    throw new UsageError("--faults", `expected a number from 0 up to (not including) 1, got "${raw}"`);
  }
  return rate;
}

function parseSeed(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_SEED;
  if (!/^\d{1,9}$/.test(raw)) {
    throw new UsageError("--seed", `expected a non-negative integer (at most 9 digits), got "${raw}"`);
  }
  return Number(raw);
}
