import type { IntegrationException } from "@ledgerline/canonical";

/** What became of one record a step received. Every record ends in exactly one of these. */
export type StepRecordStatus = "written" | "unchanged" | "rejected" | "failed";

/** The outcome of one record in a step. */
export interface StepRecordOutcome {
  /** Canonical key of the record. */
  key: string;
  /** Canonical type name (`Client`, `Engagement`, `Resource`, `TimeEntry` …). */
  type: string;
  status: StepRecordStatus;
  /** Ids the record has in the systems the step wrote it to (`{ netsuite: "1042", kantata: "77" }`). */
  targets?: Readonly<Record<string, string>>;
  /** Why it was rejected or failed: a reason code, the field at fault and a message without values. */
  reason?: { code: string; field?: string; message: string };
}

/** Counts of a step's records by outcome. */
export interface StepCounts {
  /** Records the step received. Always `written + unchanged + rejected + failed`. */
  received: number;
  written: number;
  unchanged: number;
  rejected: number;
  failed: number;
}

/**
 * The report every step of the chain returns: per-record outcomes, counts, the exceptions raised (with
 * their business impact) and timings. Plain data, safe to log or serialise: no rates, salaries or secrets.
 */
export interface StepReport extends StepCounts {
  /** Step name: `syncWorkforce`, `syncEngagements`, `postDelivery`, `billMilestones` … */
  step: string;
  /** Per-record outcomes, in completion order. */
  records: StepRecordOutcome[];
  /** Exceptions raised by this step, with business impact. */
  exceptions: IntegrationException[];
  /** When the step started and finished (ISO 8601) and how long each phase took, in milliseconds. */
  timings: { startedAt: string; finishedAt: string; durationMs: number; phases: Record<string, number> };
  /**
   * Reads the step could not do in full. What it read before the error is still processed; records it
   * could not read are not in `records` — rerun once the source answers.
   */
  readFailures?: ReadFailure[];
}

/** A read a step could not do in full (after the client's retries): what, and the error it ended with. */
export interface ReadFailure {
  /** What could not be read, e.g. `Kantata time entries`. */
  what: string;
  /** The error's class and message (no values, no secrets). */
  error: string;
}
