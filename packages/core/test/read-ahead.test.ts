import { describe, expect, it } from "vitest";
import { readAhead } from "../src/index.js";

/** A paginator whose fetches the test resolves by hand; records what was requested and whether it closed. */
function pages(count: number, failAt?: number) {
  const requested: number[] = [];
  const gates = new Map<number, () => void>();
  let closed = false;
  async function* source(): AsyncGenerator<string> {
    try {
      for (let n = 1; n <= count; n++) {
        requested.push(n);
        await new Promise<void>((resolve) => gates.set(n, resolve));
        if (n === failAt) throw new Error(`page ${n} failed`);
        yield `page ${n}`;
      }
    } finally {
      closed = true;
    }
  }
  return {
    source,
    requested,
    release: (n: number) => gates.get(n)?.(),
    get closed() {
      return closed;
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("readAhead", () => {
  it("requests the next page while the consumer holds the current one, never more than `ahead`", async () => {
    const p = pages(4);
    const it = readAhead(p.source(), { ahead: 1 })[Symbol.asyncIterator]();
    const first = it.next();
    await tick();
    p.release(1);
    expect(await first).toEqual({ value: "page 1", done: false });
    await tick();
    // the consumer holds page 1 and has not asked again: page 2 is already requested, page 3 is not
    expect(p.requested).toEqual([1, 2]);
    p.release(2);
    await tick();
    expect(p.requested).toEqual([1, 2]);
    expect(await it.next()).toEqual({ value: "page 2", done: false });
    await tick();
    expect(p.requested).toEqual([1, 2, 3]);
    p.release(3);
    p.release(4);
    const rest: string[] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) {
      rest.push(r.value);
      await tick();
      p.release(4);
    }
    expect(rest).toEqual(["page 3", "page 4"]);
  });

  it("ahead: 0 reads on demand only", async () => {
    const p = pages(2);
    const it = readAhead(p.source(), { ahead: 0 })[Symbol.asyncIterator]();
    const first = it.next();
    await tick();
    p.release(1);
    await first;
    await tick();
    expect(p.requested).toEqual([1]);
  });

  it("surfaces a read-ahead page's error in order, after the pages before it", async () => {
    const p = pages(3, 2);
    const seen: string[] = [];
    const run = (async () => {
      for await (const page of readAhead(p.source())) seen.push(page);
    })();
    await tick();
    p.release(1);
    await tick();
    p.release(2);
    await expect(run).rejects.toThrow("page 2 failed");
    expect(seen).toEqual(["page 1"]);
  });

  it("closes the source when the consumer stops early", async () => {
    const p = pages(5);
    const run = (async () => {
      for await (const page of readAhead(p.source())) {
        if (page === "page 1") break;
      }
    })();
    await tick();
    p.release(1);
    await tick();
    p.release(2); // the page read ahead settles, then the source is closed
    await run;
    expect(p.closed).toBe(true);
    expect(p.requested).toEqual([1, 2]);
  });

  it("rejects a bad option with a TypeError naming it", async () => {
    await expect(readAhead(pages(1).source(), { ahead: -1 }).next()).rejects.toThrow(/"ahead"/);
  });
});
