import { addMoney, type Money, toMinorUnits, zeroMoney } from "@ledgerline/canonical";

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
 * {@link BillingPositions} from the billing steps' own figures: for a time-and-materials project, `billed`
 * and `unbilled` of its `unbilledWip` row for the period; milestone fees invoiced through the period's end
 * are added to `billed`. A project the billing figures do not cover is taken from `fallback` (when given).
 * Amounts stay exact; a row in another currency than the project's first row is refused, never converted.
 */
export function billingPositionsOf(
  wip: Iterable<{ project: string; period: string; billed: Money; unbilled: Money }>,
  billed: Iterable<{ project: string; period: string; milestones: Money }>,
  fallback?: BillingPositions,
): BillingPositions {
  const wipRows = [...wip];
  const billedRows = [...billed];
  return async (period) => {
    const positions = new Map<string, ProjectBillingPosition>();
    const add = (project: string, kind: "billed" | "unbilled", amount: Money) => {
      const current = positions.get(project) ?? {
        project,
        billed: zeroMoney(amount.currency),
        unbilled: zeroMoney(amount.currency),
      };
      positions.set(project, { ...current, [kind]: addMoney(current[kind], amount) });
    };
    for (const row of wipRows) {
      if (row.period !== period) continue;
      add(row.project, "billed", row.billed);
      add(row.project, "unbilled", row.unbilled);
    }
    for (const row of billedRows) {
      if (row.period <= period && toMinorUnits(row.milestones) !== 0n)
        add(row.project, "billed", row.milestones);
    }
    if (fallback) {
      for (const position of await fallback(period)) {
        if (!positions.has(position.project)) positions.set(position.project, position);
      }
    }
    return positions.values();
  };
}
