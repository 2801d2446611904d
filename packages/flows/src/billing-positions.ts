import { addMoney, type Money } from "@ledgerline/canonical";

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

/**
 * {@link BillingPositions} from the time-and-materials billing figures: `billed` and `unbilled` of each
 * project's `unbilledWip` row for the period (approved billable value = billed + unbilled, exactly). A project
 * those figures do not cover — fixed-fee and milestone projects, whose approved time has no billable value
 * in the close — is taken from `fallback` (when given).
 */
export function billingPositionsOf(
  wip: Iterable<{ project: string; period: string; billed: Money; unbilled: Money }>,
  fallback?: BillingPositions,
): BillingPositions {
  const rows = [...wip];
  return async (period) => {
    const positions = new Map<string, ProjectBillingPosition>();
    for (const row of rows) {
      if (row.period !== period) continue;
      const current = positions.get(row.project);
      positions.set(row.project, {
        project: row.project,
        billed: current ? addMoney(current.billed, row.billed) : row.billed,
        unbilled: current ? addMoney(current.unbilled, row.unbilled) : row.unbilled,
      });
    }
    if (fallback) {
      for (const position of await fallback(period)) {
        if (!positions.has(position.project)) positions.set(position.project, position);
      }
    }
    return positions.values();
  };
}
