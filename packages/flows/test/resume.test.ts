import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileLedger, MemoryLedger } from "@ledgerline/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { postDelivery } from "../src/index.js";
import { type Harness, harness, PERIOD, policy, resources } from "./fixtures.js";

describe("postDelivery resumes", () => {
  let h: Harness;
  let dir: string;
  beforeEach(async () => {
    h = await harness();
    dir = await mkdtemp(join(tmpdir(), "flows-resume-"));
  });
  afterEach(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("after a stop mid-posting: a new process with the same FileLedger writes only the rest", async () => {
    const file = join(dir, "netsuite.journal");
    let ledger = await FileLedger.open(file);
    const stop = new AbortController();
    const stopped = await postDelivery(
      { psa: h.psa, netsuite: h.client(ledger) },
      {
        period: PERIOD,
        policy,
        resources,
        concurrency: 1,
        signal: stop.signal,
        onProgress: (p) => {
          if (p.done >= 1) stop.abort(new Error("stopped"));
        },
      },
    ).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(Error);
    const recorded = ledger.size;
    await ledger.close();
    expect(recorded).toBeGreaterThan(0);
    expect(recorded).toBeLessThan(5);

    ledger = await FileLedger.open(file); // as the next run would
    const resumed = await postDelivery(
      { psa: h.psa, netsuite: h.client(ledger) },
      { period: PERIOD, policy, resources },
    );
    await ledger.close();
    expect([resumed.written, resumed.unchanged, resumed.failed]).toEqual([5 - recorded, recorded, 0]);
    expect(h.netsuite.records("timeBill")).toHaveLength(2);
    expect(h.netsuite.duplicateExternalIds()).toEqual([]);
  });

  it("after NetSuite stored a time bill the ledger never heard of (timeout after commit): no duplicate", async () => {
    const ledger = new MemoryLedger();
    const netsuite = h.client(ledger, { retry: false });
    h.netsuite.api.injectFault("timeout-after-commit", {
      route: "PUT /record/v1/timeBill/eid:{externalId}",
      times: 1,
    });
    const first = await postDelivery({ psa: h.psa, netsuite }, { period: PERIOD, policy, resources });
    const failed = first.records.filter((r) => r.status === "failed");
    expect(failed.map((r) => r.type)).toEqual(["TimeEntry"]);
    expect(h.netsuite.records("timeBill")).toHaveLength(2); // NetSuite has it; the ledger does not

    const second = await postDelivery({ psa: h.psa, netsuite }, { period: PERIOD, policy, resources });
    expect(second.records.find((r) => r.key === failed[0]?.key)?.status).toBe("written"); // upserted, same record
    expect(second.failed).toBe(0);
    expect(h.netsuite.records("timeBill")).toHaveLength(2);
    expect(h.netsuite.duplicateExternalIds()).toEqual([]);
  });
});
