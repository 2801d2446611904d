import { MAX_BATCH_SIZE } from "./batch.js";

/** Sends one chunk of items and returns one outcome per item (or throws for the whole chunk). */
export type ChunkSender<Item, Result> = (
  items: Item[],
) => Promise<Array<{ ok: true; value: Result } | { ok: false; error: unknown }>>;

/**
 * Collects single writes into chunks of at most `size` (≤ 100) and sends each chunk once, so per-record code
 * (the ledger's `idempotentUpsert`, the batch runner's buckets) can drive NetSuite's batch endpoint. A chunk
 * is sent when it is full or `lingerMs` after its first item arrived.
 */
export class BatchQueue<Item, Result> {
  private pending: Array<{ item: Item; resolve: (r: Result) => void; reject: (e: unknown) => void }> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly send: ChunkSender<Item, Result>,
    private readonly size = MAX_BATCH_SIZE,
    private readonly lingerMs = 10,
  ) {
    if (!Number.isInteger(size) || size < 1 || size > MAX_BATCH_SIZE) {
      throw new TypeError(`batch size must be an integer from 1 to ${MAX_BATCH_SIZE}`);
    }
  }

  /** Queues one item; resolves with its own result, rejects with its own error. */
  enqueue(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.size) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.lingerMs);
    });
  }

  /** Sends what is queued now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const chunk = this.pending.splice(0, this.size);
    if (this.pending.length > 0) this.timer = setTimeout(() => this.flush(), 0);
    if (chunk.length === 0) return;
    this.send(chunk.map((c) => c.item)).then(
      (outcomes) => {
        chunk.forEach((c, i) => {
          const outcome = outcomes[i];
          if (!outcome) c.reject(new Error("the batch returned no outcome for this item"));
          else if (outcome.ok) c.resolve(outcome.value);
          else c.reject(outcome.error);
        });
      },
      (error: unknown) => {
        for (const c of chunk) c.reject(error);
      },
    );
  }
}
