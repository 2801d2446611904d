import { LedgerlineError } from "./errors.js";
import type { Ledger, LedgerEntry } from "./ledger.js";

/** In-memory {@link Ledger}: for tests and short-lived jobs. Nothing survives the process. */
export class MemoryLedger implements Ledger {
  readonly #entries = new Map<string, LedgerEntry>();
  #closed = false;

  /** @param initial entries to start with (e.g. a fixture) */
  constructor(initial: Iterable<LedgerEntry> = []) {
    for (const entry of initial) this.#entries.set(entry.key, { ...entry });
  }

  get size(): number {
    return this.#entries.size;
  }

  async get(key: string): Promise<LedgerEntry | undefined> {
    this.#assertOpen();
    const entry = this.#entries.get(key);
    return entry && { ...entry };
  }

  async record(entry: LedgerEntry): Promise<void> {
    this.#assertOpen();
    this.#entries.set(entry.key, { ...entry });
  }

  async *entries(): AsyncIterable<LedgerEntry> {
    for (const entry of this.#entries.values()) yield { ...entry };
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #assertOpen(): void {
    if (this.#closed) throw new LedgerlineError("LEDGER_CLOSED", "MemoryLedger: used after close()");
  }
}
