import { getEventListeners } from "node:events";
import { AbortedError } from "@ledgerline/core";
import { afterEach, describe, expect, it } from "vitest";
import { createNetSuiteClient, runBatchUpsert, toTimeBill } from "../src/index.js";
import { createNetSuiteFake, type NetSuiteFake } from "../src/testing/index.js";
import { ctx, timeEntry } from "./fixtures.js";

let fake: NetSuiteFake;

function setup(asyncPollsBeforeDone: number) {
  fake = createNetSuiteFake({ asyncPollsBeforeDone });
  const netsuite = createNetSuiteClient({
    accountId: "123456_SB1",
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
    auth: { type: "none" },
    masterData: ctx,
  });
  const items = [toTimeBill(timeEntry("wait-1"), ctx), toTimeBill(timeEntry("wait-2"), ctx)];
  return { http: netsuite.http, items: items as (Record<string, unknown> & { externalId: string })[] };
}

afterEach(async () => {
  fake.assertNoViolations();
  await fake.close();
});

describe("waiting for a NetSuite async batch job", () => {
  it("leaves no abort listener on the caller's signal after polling several times", async () => {
    const { http, items } = setup(4);
    const signal = new AbortController().signal;
    const outcomes = await runBatchUpsert(http, "timeBill", items, { pollIntervalMs: 1, signal });
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });

  it("rejects with core's AbortedError when the caller aborts between polls", async () => {
    const { http, items } = setup(1_000);
    const controller = new AbortController();
    const pending = runBatchUpsert(http, "timeBill", items, {
      pollIntervalMs: 60_000,
      signal: controller.signal,
    });
    // Let the submission and the first poll happen, then abort during the wait before the next poll.
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
  });
});
