import { setMaxListeners } from "node:events";
import { parseCli, USAGE, UsageError } from "./cli.js";
import { runQuoteToCash } from "./flow.js";
import { ProgressBar } from "./progress.js";
import { renderReport } from "./report.js";
import { statePaths } from "./state.js";
import { toJsonSummary } from "./summary.js";

/**
 * `npm run demo [-- --reset --faults 0.2 --json]`: runs the quote-to-cash flow on local fakes and prints
 * the report on stdout (with `--json`, one JSON object as the last line). The progress bar goes to stderr,
 * and only when stderr is a terminal. Exit code 0 when nothing failed and nothing was stored twice.
 */
async function main(argv: readonly string[]): Promise<number> {
  let options: ReturnType<typeof parseCli>;
  try {
    options = parseCli(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const controller = new AbortController();
  // Every in-flight request listens to this signal (up to the posting concurrency), more than Node's default 10.
  setMaxListeners(100, controller.signal);
  const onSignal = () => {
    process.stderr.write("\nStopping: finishing in-flight records and saving state…\n");
    controller.abort(new Error("interrupted"));
  };
  process.once("SIGINT", onSignal);
  try {
    const summary = await runQuoteToCash({
      seed: options.seed,
      faults: options.faults,
      reset: options.reset,
      approve: options.approve,
      paths: statePaths(),
      progress: new ProgressBar(process.stderr),
      signal: controller.signal,
    });
    process.stdout.write(`${renderReport(summary)}\n`);
    if (options.json) process.stdout.write(`${JSON.stringify(toJsonSummary(summary))}\n`);
    return summary.buckets.failed === 0 && summary.targetDuplicates === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (controller.signal.aborted) {
      process.stderr.write(
        "Interrupted. The ledger and the fakes' state are saved: run again to continue.\n",
      );
      return 130;
    }
    throw error;
  } finally {
    process.off("SIGINT", onSignal);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `quote-to-cash demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
