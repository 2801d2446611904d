import { describe, expect, it } from "vitest";
import { formatProgressLine, ProgressBar, type ProgressStream } from "../src/progress.js";

function stream(isTTY: boolean): ProgressStream & { chunks: string[] } {
  const chunks: string[] = [];
  return { isTTY, columns: 120, chunks, write: (chunk: string) => chunks.push(chunk) };
}

describe("formatProgressLine", () => {
  it("shows bar, percentage, counts, rate and ETA", () => {
    const line = formatProgressLine(
      "time entries",
      { done: 5000, total: 10_000, ratePerSecond: 812.4, etaMs: 6100 },
      10,
    );
    expect(line).toBe("time entries    [█████░░░░░]   50%  5,000/10,000  812/s  ETA 7s");
  });

  it("works without a total and shows failures", () => {
    expect(formatProgressLine("reading", { done: 42, failed: 2 })).toBe("reading         42  2 failed");
  });
});

describe("ProgressBar", () => {
  it("draws on a TTY and clears its line", () => {
    const s = stream(true);
    const bar = new ProgressBar(s, { intervalMs: 0 });
    bar.start("expenses", 10);
    bar.update({ done: 10, total: 10 });
    bar.clear();
    expect(s.chunks.length).toBe(3);
    expect(s.chunks[1]).toContain("100%");
    expect(s.chunks[2]).toBe("\r\x1b[2K");
  });

  it("writes nothing when the stream is not a TTY", () => {
    const s = stream(false);
    const bar = new ProgressBar(s);
    bar.start("expenses", 10);
    bar.update({ done: 5, total: 10 });
    bar.clear();
    expect(s.chunks).toEqual([]);
  });

  it("throttles redraws but always draws the final state", () => {
    const s = stream(true);
    const bar = new ProgressBar(s, { intervalMs: 60_000 });
    bar.start("x", 100);
    for (let i = 1; i < 100; i++) bar.update({ done: i, total: 100 });
    bar.update({ done: 100, total: 100 });
    expect(s.chunks.length).toBe(2);
  });
});
