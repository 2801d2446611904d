import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BatchResult, runBatch } from "../src/batch.js";
import { contentHash } from "../src/content-hash.js";
import { ValidationError } from "../src/errors.js";
import { idempotencyKey } from "../src/idempotency-key.js";
import { idempotentUpsert } from "../src/idempotent-upsert.js";
import { MemoryLedger } from "../src/memory-ledger.js";
import type { FaultKind } from "../src/testing/index.js";
import { createRecordsFake } from "./fixtures/records-fake.js";

const BASE = "https://acme.records.example/api";
const ROUTE = "PUT /records/eid:{externalId}";

interface SourceRecord {
  id: string;
  name: string;
  minutes: number;
  syncedAt: string;
}

/** A minimal client: PUT by external id (idempotent), retried on 429, 503 and lost connections. */
function upsertClient(fetchFn: typeof fetch, attempts: number) {
  return async (externalId: string, body: object): Promise<string> => {
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const res = await fetchFn(`${BASE}/records/eid:${externalId}`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        if (res.status === 204) return res.headers.get("location")!.split("/").at(-1)!;
        lastError = new Error(`HTTP ${res.status}: ${await res.text()}`);
        if (res.status !== 429 && res.status !== 503) throw lastError;
      } catch (error) {
        if (error !== lastError || !(error instanceof Error)) lastError = error;
        if (!(error instanceof TypeError)) throw error; // only network errors are retried here
      }
    }
    throw lastError;
  };
}

const record = fc.record({
  name: fc.string({ minLength: 0, maxLength: 8 }),
  minutes: fc.integer({ min: -30, max: 600 }),
  syncedAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
});

describe("runBatch + idempotentUpsert against a faulty fake (property)", () => {
  it("stores every valid record exactly once and puts every input in one bucket", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(fc.stringMatching(/^[A-Za-z0-9 ./_-]{1,12}$/), record), {
          selector: ([id]) => id,
          maxLength: 40,
        }),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        fc.subarray<FaultKind>(
          [
            "rate-limit",
            "rate-limit-no-retry-after",
            "unavailable",
            "connection-reset",
            "timeout-after-commit",
          ],
          {
            minLength: 1,
          },
        ),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        async (rows, rate, kinds, seed, concurrency, modified) => {
          const records: SourceRecord[] = rows.map(([id, r]) => ({ id, ...r }));
          const isValid = (r: SourceRecord) => r.name.length > 0 && r.minutes >= 0;
          const keyOf = (r: SourceRecord) => idempotencyKey({ system: "psa", type: "time", id: r.id });
          const { fake, byExternalId } = createRecordsFake({
            seed,
            faults: { rate, kinds, timeoutAfterCommitMs: 1 },
          });
          const ledger = new MemoryLedger();
          const put = upsertClient(fake.fetch, 3);
          const handler = async (r: SourceRecord) => {
            if (!isValid(r)) {
              const issues = [
                ...(r.name.length === 0 ? [{ path: "name", message: "must not be empty" }] : []),
                ...(r.minutes < 0 ? [{ path: "minutes", message: "must be >= 0" }] : []),
              ];
              throw new ValidationError("invalid record", issues);
            }
            const key = keyOf(r);
            return idempotentUpsert({
              ledger,
              key,
              hash: contentHash(r, { exclude: ["syncedAt"] }),
              write: () => put(key, { name: r.name, minutes: r.minutes }),
            });
          };
          async function* source(list: SourceRecord[]) {
            yield* list;
          }

          // Run 1: with faults.
          const results1 = new Map<number, BatchResult>();
          const report1 = await runBatch(source(records), handler, {
            concurrency,
            keyOf,
            onResult: (res) => {
              expect(results1.has(res.index)).toBe(false);
              results1.set(res.index, res);
            },
          });
          expect(report1.input).toBe(records.length);
          expect(report1.written + report1.unchanged + report1.rejected + report1.failed).toBe(
            records.length,
          );
          expect(results1.size).toBe(records.length);
          expect(report1.rejected).toBe(records.filter((r) => !isValid(r)).length);
          for (const [index, res] of results1) {
            const r = records[index]!;
            const stored = byExternalId.get(keyOf(r));
            if (res.status === "rejected") {
              expect(stored).toBeUndefined();
              expect(res.field).toMatch(/^(name|minutes)$/);
            }
            if (res.status === "written" || res.status === "unchanged") {
              expect(stored).toMatchObject({ name: r.name, minutes: r.minutes });
              expect(String(stored!.id)).toBe(res.targetId);
              expect((await ledger.get(keyOf(r)))?.targetId).toBe(res.targetId);
            }
          }
          // Nothing stored that is not a valid input, and never two records for one external id.
          const validKeys = new Set(records.filter(isValid).map(keyOf));
          for (const key of byExternalId.keys()) expect(validKeys.has(key)).toBe(true);
          expect(new Set([...byExternalId.values()].map((s) => s.id)).size).toBe(byExternalId.size);

          // Run 2: no faults, some records changed. Failed ones are written now; unchanged ones are skipped.
          fake.setFaultRate(0);
          const next = records.map((r, i) =>
            modified[i] ? { ...r, minutes: r.minutes + 1 } : { ...r, syncedAt: "later" },
          );
          const failedKeys = new Set(
            [...results1.values()].filter((r) => r.status === "failed").map((r) => r.key),
          );
          const writesBefore = fake.handled(ROUTE);
          const report2 = await runBatch(source(next), handler, { concurrency, keyOf });
          const expectWritten = next.filter(
            (r, i) => isValid(r) && (modified[i] || failedKeys.has(keyOf(r))),
          ).length;
          expect(report2).toMatchObject({
            input: next.length,
            written: expectWritten,
            unchanged: next.filter(isValid).length - expectWritten,
            rejected: next.filter((r) => !isValid(r)).length,
            failed: 0,
          });
          expect(fake.handled(ROUTE) - writesBefore).toBe(expectWritten);
          // Each valid record is stored exactly once, with its latest content.
          expect(byExternalId.size).toBe(next.filter(isValid).length);
          for (const r of next.filter(isValid)) {
            expect(byExternalId.get(keyOf(r))).toMatchObject({ name: r.name, minutes: r.minutes });
          }
          fake.assertNoViolations();
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
