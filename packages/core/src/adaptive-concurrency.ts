import { integerBetween, optionsObject, parseOptions } from "./options.js";

const adaptiveSchema = optionsObject({
  min: integerBetween(1).optional(),
  increaseEvery: integerBetween(1).optional(),
});

/** Options of {@link AdaptiveConcurrency}. */
export interface AdaptiveConcurrencyOptions {
  /** Lowest limit it falls to. @default 1 */
  min?: number;
  /** Successes in a row (per unit of current limit) before the limit climbs by one. @default 1 */
  increaseEvery?: number;
}

/**
 * AIMD concurrency control: halves the limit when the server throttles (429 / governance), adds one
 * after `limit × increaseEvery` successes in a row, never above `ceiling` nor below `min`. Throttles of
 * requests that started before the last decrease don't halve again (one decrease per "window", as TCP
 * does), so a burst of in-flight 429s lowers the limit once, not to 1.
 */
export class AdaptiveConcurrency {
  readonly ceiling: number;
  readonly min: number;
  readonly increaseEvery: number;
  #limit: number;
  #successes = 0;
  #epoch = 0;

  /** @throws TypeError naming the argument or option when one is invalid */
  constructor(ceiling: number, options: AdaptiveConcurrencyOptions = {}) {
    if (!Number.isInteger(ceiling) || ceiling < 1) {
      throw new TypeError('AdaptiveConcurrency: argument "ceiling" must be an integer ≥ 1');
    }
    parseOptions(adaptiveSchema, options, "AdaptiveConcurrency");
    this.ceiling = ceiling;
    this.min = Math.max(1, Math.min(options.min ?? 1, ceiling));
    this.increaseEvery = Math.max(1, options.increaseEvery ?? 1);
    this.#limit = ceiling;
  }

  /** Current limit. */
  get limit(): number {
    return this.#limit;
  }

  /** Epoch to record when a request starts; pass it back to {@link onThrottle}. */
  get epoch(): number {
    return this.#epoch;
  }

  /** A request that started at `epoch` was throttled. Returns the new limit. */
  onThrottle(epoch: number = this.#epoch): number {
    this.#successes = 0;
    if (epoch < this.#epoch) return this.#limit;
    this.#limit = Math.max(this.min, Math.floor(this.#limit / 2));
    this.#epoch++;
    return this.#limit;
  }

  /** A request succeeded. Returns the new limit. */
  onSuccess(): number {
    if (this.#limit >= this.ceiling) return this.#limit;
    this.#successes++;
    if (this.#successes >= this.#limit * this.increaseEvery) {
      this.#successes = 0;
      this.#limit = Math.min(this.ceiling, this.#limit + 1);
    }
    return this.#limit;
  }
}
