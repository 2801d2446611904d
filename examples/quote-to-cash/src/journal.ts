import { type FileHandle, open, truncate } from "node:fs/promises";

/** A line in the middle of a journal is not JSON: the file was damaged, not torn by a crash. */
export class JournalCorruptError extends Error {
  override readonly name = "JournalCorruptError";
  constructor(
    readonly file: string,
    readonly line: number,
  ) {
    super(`${file} line ${line} is not valid JSON and is not the last line`);
  }
}

/**
 * An append-only journal of JSON lines, made durable in groups: `append` queues a line synchronously (so
 * lines keep the order in which the caller's changes happened), `flush` writes every queued line with one
 * write and one `fdatasync` and resolves when they are on disk. Concurrent `flush` calls share the flush in
 * progress or the next one (group commit). A process killed mid-write leaves at worst a torn last line,
 * which {@link readJournal} drops; such a line was never confirmed by `flush`.
 */
export class Journal<T> {
  #queue: string[] = [];
  #flushing: Promise<void> | undefined;
  #next: Promise<void> | undefined;
  #failed: unknown;

  private constructor(
    readonly file: string,
    private handle: FileHandle,
  ) {}

  /** Opens `file` for appending (created if missing). */
  static async open<T>(file: string): Promise<Journal<T>> {
    return new Journal<T>(file, await open(file, "a"));
  }

  /** Number of lines queued and not yet flushed. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Queues one entry (synchronously, in call order). */
  append(entry: T): void {
    if (this.#failed !== undefined) throw this.#failed;
    this.#queue.push(`${JSON.stringify(entry)}\n`);
  }

  /** Resolves once every entry appended before the call is durable. */
  flush(): Promise<void> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    if (this.#queue.length === 0) return this.#flushing ?? Promise.resolve();
    if (!this.#flushing) {
      this.#flushing = this.#write().finally(() => {
        this.#flushing = undefined;
      });
      return this.#flushing;
    }
    // A flush is writing earlier lines: these go in the next one, which starts when it ends.
    this.#next ??= this.#flushing
      .catch(() => undefined)
      .then(() => {
        this.#next = undefined;
        return this.flush();
      });
    return this.#next;
  }

  /** Flushes, then empties the journal (after its content was saved elsewhere) and syncs. */
  async truncate(): Promise<void> {
    await this.flush();
    await this.handle.truncate(0);
    await this.handle.sync();
  }

  /** Flushes and closes. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.handle.close();
    }
  }

  async #write(): Promise<void> {
    const lines = this.#queue;
    this.#queue = [];
    try {
      await this.handle.write(lines.join(""));
      await this.handle.datasync();
    } catch (error) {
      this.#failed = error;
      throw error;
    }
  }
}

/**
 * Reads a journal written by {@link Journal}: every complete JSON line, in order. A torn or unparsable
 * last line (a write cut short by a kill) is dropped and truncated away; an unparsable line followed by
 * good ones throws {@link JournalCorruptError}. A missing file reads as empty.
 */
export async function readJournal<T>(file: string): Promise<T[]> {
  let text: string;
  try {
    const handle = await open(file, "r");
    try {
      text = await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const entries: T[] = [];
  let offset = 0;
  let bytes = 0;
  let validEnd = 0;
  let line = 0;
  let bad: number | undefined;
  while (offset < text.length) {
    const newline = text.indexOf("\n", offset);
    const end = newline === -1 ? text.length : newline;
    line++;
    const raw = text.slice(offset, end);
    const parsed = newline === -1 ? undefined : parse<T>(raw);
    bytes += Buffer.byteLength(raw) + (newline === -1 ? 0 : 1);
    offset = end + 1;
    if (parsed === undefined) {
      bad ??= line;
      continue;
    }
    if (bad !== undefined) throw new JournalCorruptError(file, bad);
    entries.push(parsed.value);
    validEnd = bytes;
  }
  if (bad !== undefined) await truncate(file, validEnd);
  return entries;
}

function parse<T>(line: string): { value: T } | undefined {
  try {
    return { value: JSON.parse(line) as T };
  } catch {
    return undefined;
  }
}
