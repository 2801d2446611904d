import { KANTATA_KEYS, type KantataKey, type KantataRecordTypes } from "../kantata-types.js";

/** A record to seed: the Kantata shape, with `id`, `created_at` and `updated_at` optional (assigned). */
export type SeedRecord<K extends KantataKey> = Omit<
  KantataRecordTypes[K],
  "id" | "created_at" | "updated_at"
> & {
  id?: string;
  created_at?: string;
  updated_at?: string;
};

/** Records to load into the fake, by Kantata map name. */
export type KantataSeed = { [K in KantataKey]?: SeedRecord<K>[] };

/** Everything the fake holds, as plain JSON (see `exportState` / `importState`). */
export interface KantataState {
  version: 1;
  /** The next id the store assigns. */
  nextId: number;
  /** Records by map name, in insertion order. */
  records: { [K in KantataKey]: KantataRecordTypes[K][] };
}

/**
 * The in-memory records behind the Kantata fake: ids assigned like Kantata (decimal strings), timestamps
 * with whole seconds like Kantata's, `updated_at` bumped on every change (at least one second later than
 * before, so an edit is always visible to `updated_after`).
 */
export class KantataStore {
  #tables = new Map<KantataKey, Map<string, KantataRecordTypes[KantataKey]>>();
  #nextId = 1000;
  readonly #now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.#now = now;
    this.reset();
  }

  /** Removes every record. */
  reset(): void {
    for (const key of KANTATA_KEYS) this.#tables.set(key, new Map());
    this.#nextId = 1000;
  }

  /** Adds records; returns them as stored (with ids and timestamps). Existing ids are replaced. */
  seed(seed: KantataSeed): { [K in KantataKey]: KantataRecordTypes[K][] } {
    const out = emptyRecords();
    for (const key of KANTATA_KEYS) {
      for (const input of seed[key] ?? []) {
        (out[key] as unknown[]).push(this.insert(key, input as SeedRecord<typeof key>));
      }
    }
    return out;
  }

  /** Adds one record and returns it as stored. */
  insert<K extends KantataKey>(key: K, input: SeedRecord<K>): KantataRecordTypes[K] {
    const now = instant(this.#now().getTime());
    const id = input.id ?? String(this.#nextId++);
    if (/^\d+$/.test(id) && Number(id) >= this.#nextId) this.#nextId = Number(id) + 1;
    const record = {
      ...input,
      id,
      created_at: input.created_at ?? now,
      updated_at: input.updated_at ?? input.created_at ?? now,
    } as KantataRecordTypes[K];
    this.#table(key).set(id, record);
    return structuredClone(record);
  }

  /**
   * Changes a record the way a Kantata user would and bumps its `updated_at` (strictly later than before).
   * Returns the updated record; throws if it does not exist.
   */
  update<K extends KantataKey>(
    key: K,
    id: string,
    patch: Partial<KantataRecordTypes[K]>,
  ): KantataRecordTypes[K] {
    const current = this.#table(key).get(id) as KantataRecordTypes[K] | undefined;
    if (current === undefined) throw new Error(`No ${key} record with id ${id}`);
    const previous = Date.parse(current.updated_at);
    const now = Math.max(this.#now().getTime(), previous + 1);
    const next = {
      ...current,
      ...patch,
      id,
      updated_at: new Date(now).toISOString(),
    } as KantataRecordTypes[K];
    this.#table(key).set(id, next);
    return structuredClone(next);
  }

  /** The record `id` of `key`, or `undefined`. A copy: changing it does not change the store. */
  get<K extends KantataKey>(key: K, id: string): KantataRecordTypes[K] | undefined {
    const record = this.#table(key).get(id) as KantataRecordTypes[K] | undefined;
    return record === undefined ? undefined : structuredClone(record);
  }

  /** Every record of `key` in insertion order (the stored objects: do not mutate). */
  all<K extends KantataKey>(key: K): readonly KantataRecordTypes[K][] {
    return [...this.#table(key).values()] as KantataRecordTypes[K][];
  }

  /** Number of records of `key`. */
  count(key: KantataKey): number {
    return this.#table(key).size;
  }

  /** A JSON-serialisable snapshot of every record. */
  exportState(): KantataState {
    const records = emptyRecords();
    for (const key of KANTATA_KEYS) (records[key] as unknown[]).push(...structuredClone(this.all(key)));
    return { version: 1, nextId: this.#nextId, records };
  }

  /** Replaces every record with a snapshot from {@link exportState}. */
  importState(state: KantataState): void {
    if (state?.version !== 1) throw new TypeError("importState: unsupported state (expected version 1)");
    this.reset();
    for (const key of KANTATA_KEYS) {
      for (const record of state.records[key] ?? []) this.#table(key).set(record.id, structuredClone(record));
    }
    this.#nextId = state.nextId;
  }

  #table(key: KantataKey): Map<string, KantataRecordTypes[KantataKey]> {
    const table = this.#tables.get(key);
    if (table === undefined) throw new TypeError(`Unknown Kantata type "${key}"`);
    return table;
  }
}

/** An ISO 8601 instant to the whole second, as Kantata sends them: `2026-11-02T10:00:00Z`. */
function instant(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

function emptyRecords(): { [K in KantataKey]: KantataRecordTypes[K][] } {
  return Object.fromEntries(KANTATA_KEYS.map((key) => [key, []])) as unknown as {
    [K in KantataKey]: KantataRecordTypes[K][];
  };
}
