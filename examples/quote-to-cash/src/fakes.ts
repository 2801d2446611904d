import {
  createNetSuiteFake,
  type NetSuiteFake,
  type NetSuiteFakeSnapshot,
} from "@ledgerline/connector-netsuite/testing";
import { createKantataFake, type KantataFake, type KantataState } from "@ledgerline/connector-psa/testing";
import type { FakeServer } from "@ledgerline/core/testing";
import type { DemoDataSet } from "./seed.js";
import { readJson, type StatePaths, writeJson } from "./state.js";

/** How the demo's fakes behave. */
export interface FakesOptions {
  data: DemoDataSet;
  paths: StatePaths;
  /** Share of requests that meet a transient fault (0 = none). */
  faults: number;
  /** Requests the NetSuite fake accepts at once before answering 429 CONCURRENCY_LIMIT_EXCEEDED. */
  netsuiteConcurrencyLimit: number;
  /** How long a timeout-after-commit fault holds the connection before dropping it. */
  timeoutAfterCommitMs?: number;
}

/** The Kantata and NetSuite fakes, served over HTTP on 127.0.0.1 (ephemeral ports). */
export interface DemoFakes {
  kantata: KantataFake;
  netsuite: NetSuiteFake;
  kantataServer: FakeServer;
  netsuiteServer: FakeServer;
  /** True when both fakes were restored from the state folder (a repeat run). */
  resumed: boolean;
  /** Writes both fakes' records to the state folder. */
  save(): Promise<void>;
  /** Stops both servers. */
  close(): Promise<void>;
}

/**
 * Starts both fakes. With saved state for both in `paths`, they are restored from it (so a second run
 * sees what the first posted); otherwise Kantata is seeded with the generated month and NetSuite with
 * its master data (subsidiary, departments, employees). The caller must have cleared the ledger when the
 * fakes start fresh (see `prepareState` in flow.ts): the ledger and the NetSuite records go together.
 */
export async function startFakes(options: FakesOptions): Promise<DemoFakes> {
  const { data, paths, faults } = options;
  const holdMs = options.timeoutAfterCommitMs ?? 50;
  const kantata = createKantataFake({
    faults: { rate: faults, timeoutAfterCommitMs: holdMs },
    randomSeed: data.seed,
  });
  const netsuite = createNetSuiteFake({
    concurrencyLimit: options.netsuiteConcurrencyLimit,
    faultRate: faults,
    timeoutAfterCommitMs: holdMs,
    seed: data.seed + 1,
    strictReferences: true,
    records: netsuiteMasterRecords(data),
  });

  const savedKantata = await readJson<KantataState>(paths.kantata);
  const savedNetSuite = await readJson<NetSuiteFakeSnapshot>(paths.netsuite);
  const resumed = savedKantata !== undefined && savedNetSuite !== undefined;
  if (resumed) {
    kantata.importState(savedKantata);
    netsuite.importState(savedNetSuite);
  } else {
    kantata.seed(data.kantata);
  }

  const kantataServer = await kantata.listen({ host: "127.0.0.1", port: 0 });
  let netsuiteServer: FakeServer;
  try {
    netsuiteServer = await netsuite.listen({ host: "127.0.0.1", port: 0 });
  } catch (error) {
    await kantata.close();
    throw error;
  }
  return {
    kantata,
    netsuite,
    kantataServer,
    netsuiteServer,
    resumed,
    async save() {
      await writeJson(paths.kantata, kantata.exportState());
      await writeJson(paths.netsuite, netsuite.exportState());
    },
    async close() {
      await Promise.allSettled([kantata.close(), netsuite.close()]);
    },
  };
}

/** The NetSuite records the postings reference: subsidiary, departments (cost centers), employees. */
function netsuiteMasterRecords(data: DemoDataSet) {
  return {
    subsidiary: [{ id: data.netsuite.subsidiaryId, name: "Ledgerline Consulting Inc." }],
    department: data.netsuite.departments.map((d) => ({ id: d.id, name: `${d.costCenter} ${d.name}` })),
    employee: data.netsuite.employees.map((e) => ({ id: e.id, entityId: e.entityId, email: e.email })),
  };
}
