import { type FileHandle, mkdir, open, rename, rm, truncate } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { crc32 } from "node:zlib";
import { LedgerlineError } from "./errors.js";
import { acquireLock, type HeldLock, LockLostError, MIN_LOCK_STALE_MS } from "./file-lock.js";
import type { Ledger, LedgerEntry } from "./ledger.js";

/** Options of {@link FileLedger.open}. */
export interface FileLedgerOptions {
  /**
   * `"always"`: `record()` resolves only after the journal is flushed to disk (`fdatasync`); records
   * written at the same time share one flush. `"never"`: leave flushing to the OS (faster; a power loss —
   * not a process crash — may lose the last records).
   * @default "always"
   */
  fsync?: "always" | "never";
  /**
   * A corrupt record in the middle of the journal (not a torn last record, which is always dropped) means
   * the file was damaged outside Ledgerline. `"throw"` refuses to open it; `"skip"` drops the bad records
   * and reports them in `recovery.skippedRecords`.
   * @default "throw"
   */
  onCorruption?: "throw" | "skip";
  /**
   * Compact automatically when the journal holds more than `minRecords` records and more than `ratio`
   * times the number of live keys. `false` disables it (call `compact()` yourself).
   * @default { minRecords: 10000, ratio: 2 }
   */
  autoCompact?: false | { minRecords: number; ratio: number };
  /**
   * Take the lock directory `<path>.lock` so that a second writer cannot open the same journal — on this
   * machine, in another container sharing the volume, or on another host of a network file system. The
   * holder keeps the lock's modification time moving (a heartbeat); a lock whose heartbeat stopped for
   * `lockStaleMs` (its process was killed, its container restarted) is taken over by `open`, which waits
   * for that as long as needed. A live holder makes `open` throw {@link LockHeldError} naming the folder
   * and the holder. `false`: no lock (the caller guarantees a single writer, e.g. by a lock of its own).
   * @default true
   */
  lock?: boolean;
  /**
   * How long a lock's heartbeat may stand still before the lock counts as abandoned (integer ms, at least
   * 2000). Longer tolerates longer event-loop stalls of a live holder; shorter reopens sooner after a kill.
   * @default 10000
   */
  lockStaleMs?: number;
}

const OPTION_KEYS = new Set(["fsync", "onCorruption", "autoCompact", "lock", "lockStaleMs"]);

/** Checks {@link FileLedgerOptions} exactly, naming the option at fault (never its value). */
function validateOptions(options: unknown): asserts options is FileLedgerOptions {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError('FileLedger.open: "options" must be an object');
  }
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!OPTION_KEYS.has(key)) {
      throw new TypeError(
        `FileLedger.open: unknown option "${key}" (expected fsync, onCorruption, autoCompact, lock, lockStaleMs)`,
      );
    }
  }
  if (o.fsync !== undefined && o.fsync !== "always" && o.fsync !== "never") {
    throw new TypeError('FileLedger.open: option "fsync" must be "always" or "never"');
  }
  if (o.onCorruption !== undefined && o.onCorruption !== "throw" && o.onCorruption !== "skip") {
    throw new TypeError('FileLedger.open: option "onCorruption" must be "throw" or "skip"');
  }
  if (o.autoCompact !== undefined && o.autoCompact !== false) {
    const auto = o.autoCompact as Record<string, unknown> | null;
    if (typeof auto !== "object" || auto === null || Array.isArray(auto)) {
      throw new TypeError('FileLedger.open: option "autoCompact" must be false or { minRecords, ratio }');
    }
    if (!Number.isInteger(auto.minRecords) || (auto.minRecords as number) < 0) {
      throw new TypeError('FileLedger.open: option "autoCompact.minRecords" must be a non-negative integer');
    }
    if (typeof auto.ratio !== "number" || !Number.isFinite(auto.ratio) || auto.ratio < 1) {
      throw new TypeError('FileLedger.open: option "autoCompact.ratio" must be a finite number >= 1');
    }
  }
  if (o.lock !== undefined && typeof o.lock !== "boolean") {
    throw new TypeError('FileLedger.open: option "lock" must be a boolean');
  }
  if (
    o.lockStaleMs !== undefined &&
    (!Number.isInteger(o.lockStaleMs) || (o.lockStaleMs as number) < MIN_LOCK_STALE_MS)
  ) {
    throw new TypeError(`FileLedger.open: option "lockStaleMs" must be an integer >= ${MIN_LOCK_STALE_MS}`);
  }
}

/** What `open` found in the journal. */
export interface FileLedgerRecovery {
  /** Valid records read. */
  records: number;
  /** Bytes dropped from the end: a torn or corrupt last record left by a crash. */
  truncatedBytes: number;
  /** Corrupt records skipped in the middle (only with `onCorruption: "skip"`). */
  skippedRecords: number;
}

/** The journal has a corrupt record that is not the last one. */
export class LedgerCorruptionError extends LedgerlineError {
  override name = "LedgerCorruptionError";
  /** 1-based line number of the first corrupt record. */
  readonly line: number;
  constructor(path: string, line: number) {
    super(
      "LEDGER_CORRUPT",
      `FileLedger: ${basename(path)} line ${line} is corrupt (bad checksum or JSON) and is not the last record`,
    );
    this.line = line;
  }
}

interface Pending {
  entry: LedgerEntry;
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Durable, embedded {@link Ledger}: an append-only JSON Lines journal, one record per line as
 * `<crc32 hex> <entry JSON>`, flushed with `fdatasync` before `record()` resolves. A process killed
 * mid-write leaves at worst a torn last line, which `open` detects by its checksum (or missing newline),
 * drops and truncates away. `compact()` rewrites the journal with one record per key (write to a
 * temporary file, fsync, atomic rename). All keys are indexed in memory (roughly 200–300 bytes per key);
 * the journal itself is streamed, never held whole.
 * One process at a time (see `lock`).
 * @example
 * const ledger = await FileLedger.open(".ledgerline/netsuite-time.jsonl");
 * try { ... idempotentUpsert({ ledger, ... }) ... } finally { await ledger.close(); }
 */
export class FileLedger implements Ledger {
  readonly path: string;
  /** What `open` found. */
  readonly recovery: FileLedgerRecovery;
  readonly #entries: Map<string, LedgerEntry>;
  readonly #options: Required<Pick<FileLedgerOptions, "fsync">> & FileLedgerOptions;
  #handle: FileHandle;
  #journalRecords: number;
  #queue: Pending[] = [];
  #flushing: Promise<void> | undefined;
  #exclusive: Promise<void> = Promise.resolve();
  #failed: unknown;
  #closed = false;
  readonly #lock: HeldLock | undefined;

  private constructor(
    path: string,
    handle: FileHandle,
    entries: Map<string, LedgerEntry>,
    recovery: FileLedgerRecovery,
    options: FileLedgerOptions,
    lock: HeldLock | undefined,
  ) {
    this.path = path;
    this.#handle = handle;
    this.#entries = entries;
    this.recovery = recovery;
    this.#journalRecords = recovery.records;
    this.#options = { ...options, fsync: options.fsync ?? "always" };
    this.#lock = lock;
  }

  /** Opens (or creates) the journal at `path`, recovering from a torn last record. */
  static async open(path: string, options: FileLedgerOptions = {}): Promise<FileLedger> {
    if (typeof path !== "string" || path.length === 0) {
      throw new TypeError('FileLedger.open: "path" must be a non-empty string');
    }
    validateOptions(options);
    await mkdir(dirname(path), { recursive: true });
    let ledger: FileLedger | undefined;
    const lock =
      options.lock === false
        ? undefined
        : await acquireLock(`${path}.lock`, {
            folder: dirname(resolve(path)),
            ...(options.lockStaleMs === undefined ? {} : { staleMs: options.lockStaleMs }),
            // Another writer may take the journal over from here on: refuse every further write.
            onLost: (error) => {
              if (ledger) ledger.#fail(error);
            },
          });
    try {
      await rm(compactPath(path), { force: true });
      const { entries, recovery, validEnd, fileSize } = await readJournal(
        path,
        options.onCorruption ?? "throw",
      );
      if (validEnd < fileSize) {
        await truncate(path, validEnd);
      }
      const handle = await open(path, "a");
      if (validEnd < fileSize) await handle.datasync();
      ledger = new FileLedger(path, handle, entries, recovery, options, lock);
      if (lock?.lost) ledger.#fail(lock.lost);
      return ledger;
    } catch (error) {
      await lock?.release();
      throw error;
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  async get(key: string): Promise<LedgerEntry | undefined> {
    this.#assertUsable();
    const entry = this.#entries.get(key);
    return entry && { ...entry };
  }

  async record(entry: LedgerEntry): Promise<void> {
    this.#assertUsable();
    for (const field of ["key", "hash", "targetId", "postedAt"] as const) {
      if (typeof entry?.[field] !== "string" || entry[field].length === 0) {
        throw new TypeError(`FileLedger.record: "${field}" must be a non-empty string`);
      }
    }
    const copy: LedgerEntry = {
      key: entry.key,
      hash: entry.hash,
      targetId: entry.targetId,
      postedAt: entry.postedAt,
      ...(entry.version === undefined ? {} : { version: entry.version }),
    };
    const line = encodeLine(copy);
    await new Promise<void>((resolve, reject) => {
      this.#queue.push({ entry: copy, line, resolve, reject });
      this.#flushing ??= this.#flush();
    });
  }

  async *entries(): AsyncIterable<LedgerEntry> {
    for (const entry of [...this.#entries.values()]) yield { ...entry };
  }

  /** Rewrites the journal with one record per key. Records arriving meanwhile wait. */
  async compact(): Promise<void> {
    this.#assertUsable();
    await this.#runExclusive(() => this.#compactNow());
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#flushing;
    await this.#exclusive;
    this.#closed = true;
    await this.#handle.close();
    await this.#lock?.release();
  }

  #fail(error: unknown): void {
    this.#failed ??= error;
  }

  #assertUsable(): void {
    if (this.#closed) throw new Error("FileLedger: used after close()");
    if (this.#failed instanceof LockLostError) throw this.#failed;
    if (this.#failed !== undefined) {
      throw new Error("FileLedger: an earlier write failed; reopen the ledger to recover", {
        cause: this.#failed,
      });
    }
  }

  async #flush(): Promise<void> {
    try {
      while (this.#queue.length > 0 && this.#failed === undefined) {
        await this.#runExclusive(() => this.#writeBatch());
        const auto = this.#options.autoCompact ?? { minRecords: 10_000, ratio: 2 };
        if (
          auto &&
          this.#journalRecords > auto.minRecords &&
          this.#journalRecords > auto.ratio * this.#entries.size
        ) {
          await this.#runExclusive(() => this.#compactNow()).catch((error: unknown) => {
            this.#failed ??= error;
          });
        }
      }
    } finally {
      if (this.#failed !== undefined) {
        for (const p of this.#queue.splice(0)) p.reject(this.#failed);
      }
      this.#flushing = undefined;
    }
  }

  /** Appends every queued record with one write and one flush, then resolves their promises. */
  async #writeBatch(): Promise<void> {
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    try {
      if (this.#failed !== undefined) throw this.#failed;
      await this.#handle.write(batch.map((p) => p.line).join(""));
      if (this.#options.fsync === "always") await this.#handle.datasync();
    } catch (error) {
      this.#failed ??= error;
      for (const p of [...batch, ...this.#queue]) p.reject(error);
      this.#queue = [];
      return;
    }
    for (const p of batch) this.#entries.set(p.entry.key, p.entry);
    this.#journalRecords += batch.length;
    for (const p of batch) p.resolve();
  }

  #runExclusive(task: () => Promise<void>): Promise<void> {
    const run = this.#exclusive.then(task);
    this.#exclusive = run.catch(() => undefined);
    return run;
  }

  async #compactNow(): Promise<void> {
    const tmp = compactPath(this.path);
    const out = await open(tmp, "w");
    try {
      let chunk: string[] = [];
      for (const entry of this.#entries.values()) {
        chunk.push(encodeLine(entry));
        if (chunk.length >= 1000) {
          await out.write(chunk.join(""));
          chunk = [];
        }
      }
      if (chunk.length > 0) await out.write(chunk.join(""));
      await out.sync();
    } finally {
      await out.close();
    }
    // Close before the rename: Windows cannot replace a file that is open.
    await this.#handle.close();
    try {
      await rename(tmp, this.path);
      await syncDirectory(dirname(this.path));
      this.#journalRecords = this.#entries.size;
    } finally {
      this.#handle = await open(this.path, "a");
    }
  }
}

function compactPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.compact`);
}

function encodeLine(entry: LedgerEntry): string {
  const json = JSON.stringify(entry);
  return `${crc32(json).toString(16).padStart(8, "0")} ${json}\n`;
}

function decodeLine(line: Buffer): LedgerEntry | undefined {
  if (line.length < 10 || line[8] !== 0x20) return undefined;
  const crc = Number.parseInt(line.subarray(0, 8).toString("latin1"), 16);
  const json = line.subarray(9);
  if (!Number.isFinite(crc) || crc32(json) !== crc) return undefined;
  try {
    const entry = JSON.parse(json.toString("utf8")) as Partial<LedgerEntry>;
    const ok = ["key", "hash", "targetId", "postedAt"].every(
      (f) => typeof (entry as Record<string, unknown>)[f] === "string",
    );
    return ok ? (entry as LedgerEntry) : undefined;
  } catch {
    return undefined;
  }
}

async function readJournal(path: string, onCorruption: "throw" | "skip") {
  const entries = new Map<string, LedgerEntry>();
  const recovery: FileLedgerRecovery = { records: 0, truncatedBytes: 0, skippedRecords: 0 };
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT")
      return { entries, recovery, validEnd: 0, fileSize: 0 };
    throw error;
  }
  let fileSize = 0;
  let validEnd = 0;
  let lineNumber = 0;
  let firstBad: number | undefined;
  let badSinceValid = 0;
  try {
    // Streamed in chunks: memory holds the index, never the whole journal.
    const chunk = Buffer.alloc(1 << 20);
    let carry: Buffer = Buffer.alloc(0);
    let carryStart = 0; // file offset of carry[0]
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, fileSize);
      if (bytesRead === 0) break;
      fileSize += bytesRead;
      const data =
        carry.length > 0
          ? Buffer.concat([carry, chunk.subarray(0, bytesRead)])
          : chunk.subarray(0, bytesRead);
      let offset = 0;
      for (let newline = data.indexOf(0x0a, offset); newline !== -1; newline = data.indexOf(0x0a, offset)) {
        lineNumber++;
        const entry = decodeLine(data.subarray(offset, newline));
        offset = newline + 1;
        if (!entry) {
          firstBad ??= lineNumber;
          badSinceValid++;
          continue;
        }
        if (badSinceValid > 0) {
          if (onCorruption === "throw") throw new LedgerCorruptionError(path, firstBad ?? lineNumber);
          recovery.skippedRecords += badSinceValid;
          badSinceValid = 0;
        }
        entries.set(entry.key, entry);
        recovery.records++;
        validEnd = carryStart + offset;
      }
      carry = Buffer.from(data.subarray(offset)); // copy: `chunk` is reused
      carryStart += offset;
    }
  } finally {
    await handle.close();
  }
  // Whatever follows the last good record — a line without newline, or bad lines — is a torn tail.
  recovery.truncatedBytes = fileSize - validEnd;
  return { entries, recovery, validEnd, fileSize };
}

async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename is still atomic.
  }
}
