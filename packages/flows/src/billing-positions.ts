import type { Money } from "@ledgerline/canonical";

/** What a project has billed and holds as unbilled work in progress at a period's end. */
export interface ProjectBillingPosition {
  /** Canonical key of the project. */
  project: string;
  /** Invoiced to date (through the period's end), in the project's currency. */
  billed: Money;
  /** Approved billable work and expenses not invoiced yet at the period's end (unbilled WIP). */
  unbilled: Money;
}

/**
 * Where {@link closePeriod} reads billed and unbilled figures from: the billing step's own figures (what it
 * invoiced and what it left in WIP), per project, through the end of `period`. Any billing implementation
 * plugs in by providing this function.
 */
export type BillingPositions = (
  period: string,
) => Promise<Iterable<ProjectBillingPosition>> | Iterable<ProjectBillingPosition>;
