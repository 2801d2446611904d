import { setMaxListeners } from "node:events";
import { LockHeldError } from "@ledgerline/core";
import { parseCli, USAGE, UsageError } from "./cli.js";
import { renderCloseText } from "./close-text.js"; // issue 15: revenue and close lines
import { runQuoteToCash } from "./flow.js";
import { judge, renderOutcome } from "./outcome.js";
import { ProgressBar } from "./progress.js";
import { renderReport } from "./report.js";
import { statePaths } from "./state.js";
import { toJsonSummary } from "./summary.js";

/**
 * `npm run demo [-- --reset --faults 0.2 --json]`: runs the quote-to-cash flow on local fakes and prints
 * the report on stdout (with `--json`, one JSON object as the last line). The progress bar goes to stderr,
 * and only when stderr is a terminal. Exit code 0 when the run is clean (see `judge`: nothing failed or
 * stored twice, every read done, every reconciliation gap explained), 1 otherwise (the reasons are printed
 * and in the JSON's `outcome`), 2 for bad flags, 3 when another run holds the state folder, 130 on Ctrl-C.
 */
async function main(argv: readonly string[]): Promise<number> {
  // Scale-out on Postgres (`--ledger postgres://… --workers 4`): a separate run, see scale-out.ts (loaded
  // only then). Without --ledger the demo stays embedded (file ledger, one process, no server).
  if (argv.some((arg) => arg.split("=")[0] === "--ledger")) {
    return (await import("./scale-out.js")).runScaleOutCli(argv);
  }
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
      onLockWait: () =>
        process.stderr.write(
          "The state folder is locked: checking whether the run that holds it is alive (a stopped run's lock expires within 10 s)…\n",
        ),
    });
    const verdict = judge(summary);
    // issue 15: the revenue and close lines follow the posting report
    process.stdout.write(
      `${renderReport(summary)}\n${renderCloseText(summary)}${renderOutcome(summary, verdict)}\n`,
    );
    if (options.json) {
      const json = { ...toJsonSummary(summary), outcome: verdict };
      process.stdout.write(`${JSON.stringify(json)}\n`);
    }
    return verdict.exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof LockHeldError) {
      process.stderr.write(
        `The state folder is in use by another run: ${error.message}.\n` +
          "Nothing was changed. Wait for that run to finish (or stop it), then run again.\n",
      );
      return 3;
    }
    if (controller.signal.aborted) {
      process.stderr.write("Interrupted. The ledger and the fakes' state are saved: run again to resume.\n");
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
