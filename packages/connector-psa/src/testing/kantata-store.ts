import { KANTATA_KEYS, type KantataKey, type KantataRecordTypes } from "../kantata-types.js";

/**
 * A record to seed: the Kantata shape, with `id`, `created_at` and `updated_at` optional (assigned — except
 * on users, which carry no timestamps in Kantata).
 */
export type SeedRecord<K extends KantataKey> = Omit<
  KantataRecordTypes[K],
  "id" | "created_at" | "updated_at"
> & {
  id?: string;
  created_at?: string;
  updated_at?: string;
};

/** Kantata types whose records carry no `created_at` / `updated_at`. */
export const UNSTAMPED_KEYS: ReadonlySet<KantataKey> = new Set(["users"]);

/** `updated_at` of a record, when its type carries one. */
export function updatedAtOf(record: unknown): string | undefined {
  const value = (record as { updated_at?: unknown } | null)?.updated_at;
  return typeof value === "string" ? value : undefined;
}

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
 * with whole seconds like Kantata's, from a clock that never runs backwards. An edit always moves a
 * record's `updated_at` forward (to the next second when the clock has not moved), so it is visible to
 * `updated_after` and changes the record's version.
 */
export class KantataStore {
  #tables = new Map<KantataKey, Map<string, KantataRecordTypes[KantataKey]>>();
  #nextId = 1000;
  #revision = 0;
  /** Last timestamp issued (ms, whole seconds): the fake's clock never runs backwards. */
  #lastStamp = Number.NEGATIVE_INFINITY;
  readonly #now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.#now = now;
    this.reset();
  }

  /** Removes every record. */
  reset(): void {
    for (const key of KANTATA_KEYS) this.#tables.set(key, new Map());
    this.#nextId = 1000;
    this.#lastStamp = Number.NEGATIVE_INFINITY;
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
    const now = instant(this.#stamp());
    const id = input.id ?? String(this.#nextId++);
    if (/^\d+$/.test(id) && Number(id) >= this.#nextId) this.#nextId = Number(id) + 1;
    const record = (
      UNSTAMPED_KEYS.has(key)
        ? { ...withoutStamps(input), id }
        : {
            ...input,
            id,
            created_at: input.created_at ?? now,
            updated_at: input.updated_at ?? input.created_at ?? now,
          }
    ) as KantataRecordTypes[K];
    this.#table(key).set(id, record);
    this.#revision++;
    this.#observe(updatedAtOf(record));
    return structuredClone(record);
  }

  /**
   * Changes a record the way a Kantata user would and moves its `updated_at` forward (at least one second).
   * Returns the updated record; throws if it does not exist.
   */
  update<K extends KantataKey>(
    key: K,
    id: string,
    patch: Partial<KantataRecordTypes[K]>,
  ): KantataRecordTypes[K] {
    const current = this.#table(key).get(id) as KantataRecordTypes[K] | undefined;
    if (current === undefined) throw new Error(`No ${key} record with id ${id}`);
    const currentAt = updatedAtOf(current);
    const next = (
      currentAt === undefined
        ? { ...current, ...patch, id }
        : { ...current, ...patch, id, updated_at: instant(this.#stamp(Date.parse(currentAt) + 1000)) }
    ) as KantataRecordTypes[K];
    this.#table(key).set(id, next);
    this.#revision++;
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

  /** Changes with every write to the store (list endpoints cache their sorted views by it). */
  get revision(): number {
    return this.#revision;
  }

  /** The store's clock, as a Kantata instant (whole seconds). */
  now(): string {
    return instant(this.#now().getTime());
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
      for (const record of state.records[key] ?? []) {
        this.#table(key).set(record.id, structuredClone(record));
        this.#observe(updatedAtOf(record));
      }
    }
    this.#nextId = state.nextId;
    this.#revision++;
  }

  /** The next timestamp: now (whole seconds), never before the last one issued nor before `atLeast`. */
  #stamp(atLeast = Number.NEGATIVE_INFINITY): number {
    const now = Math.floor(this.#now().getTime() / 1000) * 1000;
    this.#lastStamp = Math.max(now, this.#lastStamp, atLeast);
    return this.#lastStamp;
  }

  /** Seeded or imported timestamps count as issued: later edits never get an older one. */
  #observe(updatedAt: string | undefined): void {
    if (updatedAt === undefined) return;
    const ms = Date.parse(updatedAt);
    if (!Number.isNaN(ms)) this.#lastStamp = Math.max(this.#lastStamp, Math.floor(ms / 1000) * 1000);
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

function withoutStamps<T extends { created_at?: string; updated_at?: string }>(
  input: T,
): Omit<T, "created_at" | "updated_at"> {
  const { created_at: _c, updated_at: _u, ...rest } = input;
  return rest;
}
