import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CONTENT_HASH_VERSION,
  canonicalJson,
  contentHash,
  contentHashVersion,
  idempotentUpsert,
  isLegacyContentHash,
  legacyContentHash,
  MemoryLedger,
  runBatch,
} from "../src/index.js";

describe("contentHash v2 (RFC 8785)", () => {
  it("is versioned: v2: + SHA-256 hex over the JCS text", () => {
    const value = { b: [1, "x"], a: { d: true, c: null } };
    const jcs = '{"a":{"c":null,"d":true},"b":[1,"x"]}';
    expect(canonicalJson(value)).toBe(jcs);
    expect(contentHash(value)).toBe(`v2:${createHash("sha256").update(jcs).digest("hex")}`);
    expect(CONTENT_HASH_VERSION).toBe(2);
    expect(contentHashVersion(contentHash(value))).toBe(2);
    expect(contentHashVersion(legacyContentHash(value))).toBe(1);
    expect(contentHashVersion("garbage")).toBeUndefined();
  });

  it("matches RFC 8785's number and key-ordering rules (§3.2.2.3, §3.2.3 examples)", () => {
    // Numbers in ECMAScript shortest form; keys sorted by UTF-16 code units (so "\u20ac" < "\ud83d…" < "\ufb33").
    expect(canonicalJson({ n: [1e21, 1e-7, 0.000001, -0, 333333333.3333333, 4.5] })).toBe(
      '{"n":[1e+21,1e-7,0.000001,0,333333333.3333333,4.5]}',
    );
    expect(canonicalJson({ "\ufb33": 1, "\u20ac": 2, "\ud83d\ude00": 3, "1": 4, "\r": 5 })).toBe(
      '{"\\r":5,"1":4,"\u20ac":2,"\ud83d\ude00":3,"\ufb33":1}',
    );
  });

  it("drops excluded paths and undefined properties, turns dates and bigints into strings", () => {
    expect(
      canonicalJson(
        { d: new Date("2026-01-01T00:00:00Z"), big: 12n, u: undefined, arr: [undefined], s: { at: 1, k: 2 } },
        { exclude: ["s.at"] },
      ),
    ).toBe('{"arr":[null],"big":"12","d":"2026-01-01T00:00:00.000Z","s":{"k":2}}');
  });

  it("refuses values JSON cannot carry, naming the path", () => {
    expect(() => contentHash({ a: [Number.POSITIVE_INFINITY] })).toThrow(/non-finite number at a\.0/);
    expect(() => contentHash({ f: () => 1 })).toThrow(/function at f/);
  });
});

describe("idempotentUpsert with ledgers written in the old hash form", () => {
  const record = { type: "timeBill", body: { hours: "4:30", employee: { id: "7" }, memo: "Design" } };
  const legacyEntry = () => ({
    key: "k1",
    hash: legacyContentHash(record),
    targetId: "NS-1",
    postedAt: "2026-01-01T00:00:00.000Z",
    version: "v1",
  });

  it("skips an unchanged record whose entry holds the old form, and upgrades the entry", async () => {
    const ledger = new MemoryLedger([legacyEntry()]);
    expect(isLegacyContentHash((await ledger.get("k1"))?.hash ?? "")).toBe(true);
    let writes = 0;
    const result = await idempotentUpsert({
      ledger,
      key: "k1",
      content: record,
      version: "v1",
      write: async () => {
        writes++;
        return "NS-2";
      },
    });
    expect(result.status).toBe("unchanged");
    expect(result.targetId).toBe("NS-1");
    expect(writes).toBe(0);
    const upgraded = await ledger.get("k1");
    expect(upgraded).toEqual({ ...legacyEntry(), hash: contentHash(record) });
  });

  it("a whole old ledger run through runBatch is skipped as unchanged, not re-posted", async () => {
    const records = Array.from({ length: 25 }, (_, i) => ({ key: `k${i}`, body: { n: i, memo: `m${i}` } }));
    const ledger = new MemoryLedger(
      records.map((r) => ({
        key: r.key,
        hash: legacyContentHash(r.body),
        targetId: `T${r.key}`,
        postedAt: "x",
      })),
    );
    let writes = 0;
    const report = await runBatch(records, (r) =>
      idempotentUpsert({
        ledger,
        key: r.key,
        content: r.body,
        write: async () => {
          writes++;
          return "new";
        },
      }),
    );
    expect(report).toMatchObject({ input: 25, unchanged: 25, written: 0 });
    expect(writes).toBe(0);
  });

  it("writes a changed record whose entry holds the old form, recording the new form", async () => {
    const ledger = new MemoryLedger([legacyEntry()]);
    const changed = { ...record, body: { ...record.body, hours: "5:00" } };
    const result = await idempotentUpsert({ ledger, key: "k1", content: changed, write: async () => "NS-1" });
    expect(result.status).toBe("written");
    expect((await ledger.get("k1"))?.hash).toBe(contentHash(changed));
  });

  it("with only a precomputed hash, an old-form entry cannot be compared and is written again", async () => {
    const ledger = new MemoryLedger([legacyEntry()]);
    const result = await idempotentUpsert({
      ledger,
      key: "k1",
      hash: contentHash(record),
      write: async () => "NS-1",
    });
    expect(result.status).toBe("written");
  });
});

describe("idempotentUpsert and runBatch option validation", () => {
  const write = async () => "T";
  it.each<[string, unknown, RegExp]>([
    ["ledger: {}", { ledger: {}, key: "k", content: 1, write }, /option "ledger" must be a Ledger/],
    ["no key", { ledger: new MemoryLedger(), content: 1, write }, /option "key" must be a non-empty string/],
    ["no content or hash", { ledger: new MemoryLedger(), key: "k", write }, /option "content" is required/],
    [
      "write: 1",
      { ledger: new MemoryLedger(), key: "k", hash: "h", write: 1 },
      /option "write" must be a function/,
    ],
    [
      "version: {}",
      { ledger: new MemoryLedger(), key: "k", hash: "h", write, version: {} },
      /option "version"/,
    ],
  ])("idempotentUpsert %s is a TypeError naming the option", async (_n, options, pattern) => {
    const error = await idempotentUpsert(options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(pattern);
  });

  it.each<[string, unknown, RegExp]>([
    ["concurrency: 0", { concurrency: 0 }, /runBatch: option "concurrency" must be an integer ≥ 1/],
    ["total: -1", { total: -1 }, /option "total"/],
    ["signal: 'x'", { signal: "x" }, /option "signal" must be an AbortSignal/],
    ["onResult: 1", { onResult: 1 }, /option "onResult" must be a function/],
    ["drainOnAbort: 'yes'", { drainOnAbort: "yes" }, /option "drainOnAbort" must be a boolean/],
    ["options null", null, /runBatch: options must be an object/],
  ])("runBatch %s is a TypeError naming the option", async (_n, options, pattern) => {
    const error = await runBatch([1], () => ({ status: "written" }), options as never).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(pattern);
  });
});
