import {
  exceptionAgeMs,
  exceptionId,
  type IntegrationException,
  mergeExceptions,
} from "@ledgerline/canonical";
import type { Ledger } from "@ledgerline/core";
import { LedgerJsonStore } from "./ledger-store.js";

/** A stored exception: the exception, the scope that raises it, and whether it is still open. */
export interface StoredException {
  exception: IntegrationException;
  /** Who raises it (`closePeriod`, `recognizeRevenue` …): a run only resolves exceptions of its own scope. */
  scope: string;
  /** When a run of the scope last saw it gone, as an ISO instant; absent while it is open. */
  resolvedAt?: string;
}

/** An open exception with its age. */
export interface AgedException extends IntegrationException {
  /** Whole days since it was first seen. */
  ageDays: number;
}

/**
 * Integration exceptions kept across runs in the run's {@link Ledger} (prefix `exc/`), so their age is known:
 * each run reports what it sees now with {@link ExceptionStore.observe}; an exception seen before keeps its
 * first-seen time and counts another occurrence, one the run no longer sees is resolved, and one that comes
 * back is reopened with its original first-seen time. With a `FileLedger` or a shared ledger the history
 * survives restarts and is shared by workers.
 */
export class ExceptionStore {
  readonly #store: LedgerJsonStore<StoredException>;

  /** @param ledger where the exceptions live (usually the run's ledger) */
  constructor(ledger: Ledger, options: { now?: () => Date } = {}) {
    this.#store = new LedgerJsonStore(ledger, "exc", options.now);
  }

  /**
   * Records what a run of `scope` sees now: merges each exception with its stored history (earliest
   * first-seen kept), resolves the scope's open exceptions not in `seen`, and returns the seen exceptions as
   * stored, with their age at `now`.
   */
  async observe(
    scope: string,
    seen: readonly IntegrationException[],
    now: Date = new Date(),
  ): Promise<AgedException[]> {
    const current = new Map(seen.map((e) => [exceptionId(e), e]));
    const out: AgedException[] = [];
    for (const [id, exception] of current) {
      const stored = await this.#store.get(id);
      const merged = stored ? mergeExceptions(stored.exception, exception) : exception;
      await this.#store.put(id, { exception: merged, scope });
      out.push(aged(merged, now));
    }
    for await (const [id, stored] of this.#store.entries()) {
      if (stored.scope !== scope || stored.resolvedAt !== undefined || current.has(id)) continue;
      await this.#store.put(id, { ...stored, resolvedAt: now.toISOString() });
    }
    return out.sort((a, b) => b.ageDays - a.ageDays || exceptionId(a).localeCompare(exceptionId(b)));
  }

  /** Every open exception (of one scope, or all), with its age at `now`. */
  async open(scope?: string, now: Date = new Date()): Promise<AgedException[]> {
    const out: AgedException[] = [];
    for await (const [, stored] of this.#store.entries()) {
      if (stored.resolvedAt !== undefined || (scope !== undefined && stored.scope !== scope)) continue;
      out.push(aged(stored.exception, now));
    }
    return out.sort((a, b) => b.ageDays - a.ageDays || exceptionId(a).localeCompare(exceptionId(b)));
  }
}

function aged(exception: IntegrationException, now: Date): AgedException {
  return { ...exception, ageDays: Math.floor(exceptionAgeMs(exception, now) / 86_400_000) };
}
