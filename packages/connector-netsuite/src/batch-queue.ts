import { MAX_BATCH_SIZE } from "./batch.js";

/** Sends one chunk of items and returns one outcome per item (or throws for the whole chunk). */
export type ChunkSender<Item, Result> = (
  items: Item[],
) => Promise<Array<{ ok: true; value: Result } | { ok: false; error: unknown }>>;

/**
 * Collects single writes into chunks of at most `size` (≤ 100) and sends each chunk once, so per-record code
 * (the ledger's `idempotentUpsert`, the batch runner's buckets) can drive NetSuite's batch endpoint. A chunk
 * is sent when it is full or `lingerMs` after its first item arrived, and at most `maxInFlight()` chunks
 * are out at once (NetSuite async jobs, bounded by the account's limit); the rest wait in order.
 */
export class BatchQueue<Item, Result> {
  private pending: Array<{ item: Item; resolve: (r: Result) => void; reject: (e: unknown) => void }> = [];
  private timer: NodeJS.Timeout | undefined;
  /** The linger time of the oldest pending item is over: send it even if its chunk is not full. */
  private due = false;
  private inFlight = 0;

  constructor(
    private readonly send: ChunkSender<Item, Result>,
    private readonly size = MAX_BATCH_SIZE,
    private readonly lingerMs = 10,
    private readonly maxInFlight: () => number = () => Number.POSITIVE_INFINITY,
  ) {
    if (!Number.isInteger(size) || size < 1 || size > MAX_BATCH_SIZE) {
      throw new TypeError(`batch size must be an integer from 1 to ${MAX_BATCH_SIZE}`);
    }
  }

  /** Chunks sent and not yet answered. */
  get chunksInFlight(): number {
    return this.inFlight;
  }

  /** Queues one item; resolves with its own result, rejects with its own error. */
  enqueue(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.size) this.pump();
      else this.arm();
    });
  }

  /** Sends what is queued now (as far as `maxInFlight` allows; the rest follows as chunks complete). */
  flush(): void {
    if (this.pending.length > 0) this.due = true;
    this.pump();
  }

  private arm(): void {
    if (this.timer || this.due || this.pending.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.lingerMs);
  }

  private pump(): void {
    while (
      this.pending.length > 0 &&
      (this.pending.length >= this.size || this.due) &&
      this.inFlight < Math.max(1, this.maxInFlight())
    ) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      const chunk = this.pending.splice(0, this.size);
      if (this.pending.length === 0) this.due = false;
      this.inFlight++;
      this.send(chunk.map((c) => c.item))
        .then(
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
        )
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
    this.arm();
  }
}
