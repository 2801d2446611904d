import { z } from "zod";
import { integerBetween, optionsObject, parseOptions } from "./options.js";

const adaptiveSchema = optionsObject({
  min: integerBetween(1).optional(),
  increaseEvery: integerBetween(1).optional(),
  probeEvery: integerBetween(1).optional(),
  slowStart: z.boolean({ error: "must be a boolean" }).optional(),
});

/** Options of {@link AdaptiveConcurrency}. */
export interface AdaptiveConcurrencyOptions {
  /** Lowest limit it falls to. @default 1 */
  min?: number;
  /** Successes in a row (per unit of current limit) before the limit climbs by one. @default 1 */
  increaseEvery?: number;
  /**
   * How patiently it probes above the ceiling it learned: after `limit × increaseEvery × probeEvery`
   * successes at that ceiling it tries one more, and the probe must hold as long before the ceiling rises.
   * A probe that is throttled — or a ceiling raised by a probe that is then throttled — doubles the wait
   * before the next probe (so an account that really allows no more is asked ever more rarely) and goes
   * back without halving. @default 4
   */
  probeEvery?: number;
  /**
   * Start at 4 (or `min`, or the ceiling, whichever bounds it) and double after each window of successes
   * (TCP slow start) until the first throttle or the ceiling, instead of starting at the ceiling: a client
   * configured above the server's limit then meets it with at most twice the allowed requests in flight,
   * not with the whole configured burst.
   * @default false
   */
  slowStart?: boolean;
}

/**
 * Concurrency control that learns the server's limit (AIMD with a learned ceiling, as TCP CUBIC remembers
 * its last maximum):
 * - A throttle (429 / governance) of a request that ran at a limit of `n` means the server allows fewer
 *   than `n`: the learned ceiling becomes `n − 1` and the limit halves. Throttles of requests that started
 *   before the last decrease don't count again (one decrease per "window"), so a burst of in-flight 429s
 *   lowers it once, not to 1.
 * - Below the learned ceiling the limit climbs by one after `limit × increaseEvery` successes in a row.
 * - At the learned ceiling it probes one above it only after `limit × increaseEvery × probeEvery`
 *   successes; a probe that holds as long raises the ceiling; a throttled probe (or a throttle at a ceiling
 *   a probe raised) returns to the ceiling below it without halving and doubles the wait before the next.
 * - Never above the configured `ceiling` nor below `min`.
 *
 * So a client configured at 20 against an account that allows 5 settles at 5 after a handful of refusals
 * and afterwards is refused about once per doubling probe interval, not on every climb.
 */
export class AdaptiveConcurrency {
  /** The configured maximum (`maxConcurrency`). */
  readonly ceiling: number;
  readonly min: number;
  readonly increaseEvery: number;
  readonly probeEvery: number;
  #limit: number;
  #learned: number;
  #probeFactor: number;
  #successes = 0;
  #epoch = 0;
  #slowStart: boolean;
  /** The learned ceiling was last raised by a probe (a throttle at it means the probe was wrong). */
  #raisedByProbe = false;

  /** @throws TypeError naming the argument or option when one is invalid */
  constructor(ceiling: number, options: AdaptiveConcurrencyOptions = {}) {
    if (!Number.isInteger(ceiling) || ceiling < 1) {
      throw new TypeError('AdaptiveConcurrency: argument "ceiling" must be an integer ≥ 1');
    }
    parseOptions(adaptiveSchema, options, "AdaptiveConcurrency");
    this.ceiling = ceiling;
    this.min = Math.max(1, Math.min(options.min ?? 1, ceiling));
    this.increaseEvery = Math.max(1, options.increaseEvery ?? 1);
    this.probeEvery = Math.max(1, options.probeEvery ?? 4);
    this.#probeFactor = this.probeEvery;
    this.#slowStart = options.slowStart ?? false;
    this.#limit = this.#slowStart ? Math.min(ceiling, Math.max(this.min, 4)) : ceiling;
    this.#learned = ceiling;
  }

  /** Current limit. */
  get limit(): number {
    return this.#limit;
  }

  /** The ceiling learned from throttles: where the limit climbs back to before probing higher. */
  get learnedCeiling(): number {
    return this.#learned;
  }

  /** True when the limit is at the configured ceiling and nothing is left to learn (fast path). */
  get settled(): boolean {
    return this.#limit >= this.ceiling && this.#learned >= this.ceiling;
  }

  /** Epoch to record when a request starts; pass it back to {@link onThrottle}. */
  get epoch(): number {
    return this.#epoch;
  }

  /** A request that started at `epoch` was throttled. Returns the new limit. */
  onThrottle(epoch: number = this.#epoch): number {
    this.#successes = 0;
    if (epoch < this.#epoch) return this.#limit;
    this.#slowStart = false;
    const at = this.#limit;
    if (at > this.#learned || (this.#raisedByProbe && at === this.#learned)) {
      // A probe was wrong (refused now, or held a while and refused later): back below it, no halving,
      // probe more rarely.
      this.#learned = Math.max(this.min, Math.min(this.#learned, at - 1));
      this.#limit = this.#learned;
      this.#probeFactor = Math.min(this.#probeFactor * 2, 1 << 20);
    } else {
      this.#learned = Math.max(this.min, at - 1);
      this.#limit = Math.max(this.min, Math.floor(at / 2));
    }
    this.#raisedByProbe = false;
    this.#epoch++;
    return this.#limit;
  }

  /** A request succeeded. Returns the new limit. */
  onSuccess(): number {
    if (this.settled) return this.#limit;
    this.#successes++;
    const step = this.#limit * this.increaseEvery;
    if (this.#slowStart) {
      if (this.#successes >= this.#limit) {
        this.#successes = 0;
        this.#limit = Math.min(this.#learned, this.#limit * 2);
        if (this.#limit >= this.#learned) this.#slowStart = false;
      }
    } else if (this.#limit < this.#learned) {
      if (this.#successes >= step) {
        this.#successes = 0;
        this.#limit++;
      }
    } else if (this.#limit > this.#learned) {
      // Probing: the extra slot held long enough, so the account allows it.
      if (this.#successes >= step * this.#probeFactor) {
        this.#successes = 0;
        this.#learned = this.#limit;
        this.#raisedByProbe = true;
      }
    } else if (this.#limit < this.ceiling && this.#successes >= step * this.#probeFactor) {
      this.#successes = 0;
      this.#limit++;
    }
    return this.#limit;
  }
}
