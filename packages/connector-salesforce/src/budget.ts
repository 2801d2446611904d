import { SalesforceBudgetError } from "./errors.js";

/** Daily API usage as Salesforce reports it in `Sforce-Limit-Info: api-usage=USED/MAX`. */
export interface ApiUsage {
  used: number;
  max: number;
}

/** Parses `Sforce-Limit-Info` (`api-usage=10018/100000`, possibly with other comma-separated entries). */
export function parseLimitInfo(header: string | null | undefined): ApiUsage | undefined {
  if (!header) return undefined;
  const m = /api-usage=(\d+)\/(\d+)/.exec(header);
  if (!m) return undefined;
  const used = Number(m[1]);
  const max = Number(m[2]);
  return Number.isSafeInteger(used) && Number.isSafeInteger(max) && max > 0 ? { used, max } : undefined;
}

/**
 * The daily API budget guard: remembers the last `Sforce-Limit-Info` and refuses to send once
 * `used ≥ maxShare × max`. Before the first answer nothing is known, so the first request is always sent.
 */
export class ApiBudget {
  readonly maxShare: number;
  #usage: ApiUsage | undefined;
  constructor(maxShare: number) {
    this.maxShare = maxShare;
  }
  /** The last usage Salesforce reported, if any. */
  get usage(): ApiUsage | undefined {
    return this.#usage;
  }
  /** Records the usage reported by a response header. */
  observe(header: string | null): void {
    const usage = parseLimitInfo(header);
    if (usage) this.#usage = usage;
  }
  /** Throws {@link SalesforceBudgetError} when the guard's share is reached. */
  check(): void {
    const u = this.#usage;
    if (u && u.used >= Math.floor(u.max * this.maxShare)) {
      throw new SalesforceBudgetError(u.used, u.max, this.maxShare);
    }
  }
  /** Forgets the last usage (e.g. after the window reset). */
  reset(): void {
    this.#usage = undefined;
  }
}
