import { contentHash, type Ledger } from "@ledgerline/core";
import { jsonEntries, readJson, writeJson } from "./ledger-json.js";

/**
 * Small JSON values kept in a {@link Ledger} under a key prefix (`<prefix>/<key>`), so a flow's own state
 * (exceptions with their first-seen time, the revenue posted per period) lives wherever the run's ledger
 * lives: in memory, in a crash-safe `FileLedger`, or in a shared (Postgres) ledger, with that store's
 * guarantees. The value is stored as JSON in the entry's `targetId`; keep it small.
 */
export class LedgerJsonStore<T> {
  readonly #ledger: Ledger;
  readonly #prefix: string;
  readonly #now: () => Date;

  /**
   * @param ledger where the values live
   * @param prefix key prefix, 1–64 of `a-z`, `0-9`, `_` and `-`
   * @param now clock for the entries' `postedAt`
   * @throws TypeError naming `prefix` when it is not such a name
   */
  constructor(ledger: Ledger, prefix: string, now: () => Date = () => new Date()) {
    if (!/^[a-z0-9_-]{1,64}$/.test(prefix))
      throw new TypeError("LedgerJsonStore: prefix must be 1-64 of a-z, 0-9, _ and -");
    this.#ledger = ledger;
    this.#prefix = `${prefix}/`;
    this.#now = now;
  }

  /** The value stored for `key`, or `undefined`. */
  async get(key: string): Promise<T | undefined> {
    return readJson<T>(this.#ledger, this.#prefix + key);
  }

  /** Stores `value` for `key` (durable once it resolves, as the ledger's `record` is). Unchanged values are not rewritten. */
  async put(key: string, value: T): Promise<void> {
    const existing = await this.#ledger.get(this.#prefix + key);
    if (existing?.hash === contentHash(value)) return;
    await writeJson(this.#ledger, this.#prefix + key, value, this.#now());
  }

  /** Every stored key and value, in no particular order. */
  async *entries(): AsyncIterable<[string, T]> {
    for await (const { key, value } of jsonEntries<T>(this.#ledger, this.#prefix)) {
      yield [key.slice(this.#prefix.length), value];
    }
  }
}
