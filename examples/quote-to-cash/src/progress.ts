/**
 * A one-line progress bar for the demo's batch phases, drawn on stderr only when stderr is a terminal:
 * piped or redirected output (and `--json`) stays free of control characters.
 */

/** What the bar shows; a subset of core's batch progress event. */
export interface ProgressSnapshot {
  /** Records finished (any bucket). */
  done: number;
  /** Records expected, when known. */
  total?: number | undefined;
  /** Records per second, when known. */
  ratePerSecond?: number | undefined;
  /** Estimated time left, when known. */
  etaMs?: number | undefined;
  /** Records in the failed bucket so far. */
  failed?: number | undefined;
}

/** The minimal stream a bar needs (`process.stderr` fits). */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

/** Formats one bar line (no control characters), e.g. `time entries  [#####-----]  50%  5,000/10,000  812/s  ETA 6s`. */
export function formatProgressLine(label: string, snapshot: ProgressSnapshot, width = 24): string {
  const count = formatCount(snapshot.done);
  const parts = [label.padEnd(14)];
  if (snapshot.total !== undefined && snapshot.total > 0) {
    const ratio = Math.min(1, snapshot.done / snapshot.total);
    const filled = Math.round(ratio * width);
    parts.push(`[${"█".repeat(filled)}${"░".repeat(width - filled)}]`);
    parts.push(`${String(Math.floor(ratio * 100)).padStart(3)}%`);
    parts.push(`${count}/${formatCount(snapshot.total)}`);
  } else {
    parts.push(count);
  }
  if (snapshot.ratePerSecond !== undefined && Number.isFinite(snapshot.ratePerSecond)) {
    parts.push(`${formatCount(Math.round(snapshot.ratePerSecond))}/s`);
  }
  if (
    snapshot.etaMs !== undefined &&
    Number.isFinite(snapshot.etaMs) &&
    snapshot.done < (snapshot.total ?? 0)
  ) {
    parts.push(`ETA ${Math.max(0, Math.ceil(snapshot.etaMs / 1000))}s`);
  }
  if (snapshot.failed) parts.push(`${formatCount(snapshot.failed)} failed`);
  return parts.join("  ");
}

/** A progress bar bound to a stream; all methods are no-ops when the stream is not a TTY. */
export class ProgressBar {
  readonly enabled: boolean;
  #label = "";
  #lastDraw = 0;
  #drawn = false;
  readonly #stream: ProgressStream;
  readonly #intervalMs: number;

  constructor(stream: ProgressStream, options: { enabled?: boolean; intervalMs?: number } = {}) {
    this.#stream = stream;
    this.enabled = options.enabled ?? stream.isTTY === true;
    this.#intervalMs = options.intervalMs ?? 80;
  }

  /** Starts a new phase. */
  start(label: string, total?: number): void {
    this.#label = label;
    this.#lastDraw = 0;
    this.update({ done: 0, total });
  }

  /** Redraws (throttled) with the latest snapshot. */
  update(snapshot: ProgressSnapshot): void {
    if (!this.enabled) return;
    const now = Date.now();
    const finished = snapshot.total !== undefined && snapshot.done >= snapshot.total;
    if (!finished && now - this.#lastDraw < this.#intervalMs) return;
    this.#lastDraw = now;
    const columns = this.#stream.columns || 100; // 0 when the terminal does not say
    const line = formatProgressLine(this.#label, snapshot).slice(0, Math.max(20, columns - 1));
    this.#stream.write(`\r\x1b[2K${line}`);
    this.#drawn = true;
  }

  /** Clears the bar line so the next output starts on a clean line. */
  clear(): void {
    if (!this.enabled || !this.#drawn) return;
    this.#stream.write("\r\x1b[2K");
    this.#drawn = false;
  }
}

function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}
