import type { IntegrationException } from "@ledgerline/canonical";
import type { StepRecordOutcome, StepReport } from "./report.js";

/**
 * Collects a step's outcomes, exceptions and phase timings and produces its {@link StepReport}. Every
 * outcome added is counted in exactly one bucket, so `received` is always the sum of the buckets.
 *
 * @example
 * ```ts
 * const report = new StepReportBuilder("syncWorkforce");
 * await report.phase("read", () => readEverything());
 * report.add({ key, type: "Resource", status: "written" });
 * return report.finish();
 * ```
 */
export class StepReportBuilder {
  readonly #step: string;
  readonly #now: () => Date;
  readonly #started: Date;
  readonly #records: StepRecordOutcome[] = [];
  readonly #exceptions: IntegrationException[] = [];
  readonly #phases: Record<string, number> = {};

  /**
   * @param step the step's name (`syncWorkforce`)
   * @param now clock for `startedAt` / `finishedAt` (tests)
   */
  constructor(step: string, now: () => Date = () => new Date()) {
    this.#step = step;
    this.#now = now;
    this.#started = now();
  }

  /** Records the outcome of one record. */
  add(outcome: StepRecordOutcome): void {
    this.#records.push(outcome);
  }

  /** Adds exceptions raised by the step. */
  exception(...exceptions: IntegrationException[]): void {
    this.#exceptions.push(...exceptions);
  }

  /** Runs `work` as the phase `name`, adding its wall-clock time to the phase's total. */
  async phase<T>(name: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.#phases[name] = (this.#phases[name] ?? 0) + Math.round(performance.now() - start);
    }
  }

  /** The report so far, with counts and timings. */
  finish(): StepReport {
    const finished = this.#now();
    const count = (status: StepRecordOutcome["status"]) =>
      this.#records.filter((r) => r.status === status).length;
    return {
      step: this.#step,
      received: this.#records.length,
      written: count("written"),
      unchanged: count("unchanged"),
      rejected: count("rejected"),
      failed: count("failed"),
      records: [...this.#records],
      exceptions: [...this.#exceptions],
      timings: {
        startedAt: this.#started.toISOString(),
        finishedAt: finished.toISOString(),
        durationMs: Math.max(0, finished.getTime() - this.#started.getTime()),
        phases: { ...this.#phases },
      },
    };
  }
}

/**
 * The reason of a failed or rejected record, from any error: its `code` (core's errors carry one, and a
 * vendor's `vendorCode` when there is one), the first issue's field, and its message — core's typed errors
 * never carry values in their messages; anything else is reported by its class name only.
 */
export function reasonOf(error: unknown): { code: string; field?: string; message: string } {
  if (error !== null && typeof error === "object") {
    const e = error as {
      code?: unknown;
      vendorCode?: unknown;
      message?: unknown;
      issues?: ReadonlyArray<{ path?: unknown; code?: unknown; message?: unknown }>;
      name?: unknown;
    };
    const issue = Array.isArray(e.issues) ? e.issues[0] : undefined;
    const code =
      (typeof issue?.code === "string" && issue.code) ||
      (typeof e.vendorCode === "string" && e.vendorCode) ||
      (typeof e.code === "string" && e.code) ||
      "ERROR";
    const field = typeof issue?.path === "string" && issue.path !== "" ? issue.path : undefined;
    const message =
      typeof issue?.message === "string"
        ? issue.message
        : typeof e.code === "string" && typeof e.message === "string"
          ? e.message
          : `${typeof e.name === "string" ? e.name : "Error"} (message withheld)`;
    return { code, ...(field === undefined ? {} : { field }), message };
  }
  return { code: "ERROR", message: "non-error value thrown (withheld)" };
}
