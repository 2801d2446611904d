import {
  createNetSuiteFake,
  type FakeStoreChange,
  type NetSuiteFake,
  type NetSuiteFakeSnapshot,
} from "@ledgerline/connector-netsuite/testing";
import { createKantataFake, type KantataFake, type KantataState } from "@ledgerline/connector-psa/testing";
import type { FakeServer } from "@ledgerline/core/testing";
import { Journal, JournalCorruptError, readJournal } from "./journal.js";
import type { DemoDataSet } from "./seed.js";
import { readJson, StateFileError, type StatePaths, writeJson } from "./state.js";

/** How the demo's fakes behave. */
export interface FakesOptions {
  data: DemoDataSet;
  paths: StatePaths;
  /** Restore both fakes from the state folder (a repeat or resumed run); otherwise start them fresh. */
  resume: boolean;
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
  /** True when both fakes were restored from the state folder (a repeat or resumed run). */
  resumed: boolean;
  /** Saves the Kantata fake's records durably (after the demo changed them, e.g. `--approve`). */
  saveKantata(): Promise<void>;
  /**
   * Stops both servers (no request is served after it resolves), then folds the NetSuite journal into a
   * fresh snapshot — unless `persist` is false (this run no longer owns the state folder). Safe to call
   * more than once.
   */
  close(options?: { persist?: boolean }): Promise<void>;
}

/** One journal line: a record the NetSuite fake stored, and the next internal id it hands out. */
type NetSuiteChange = Pick<FakeStoreChange, "type" | "record" | "nextId">;

/**
 * Starts both fakes, durable as they go. Kantata changes only when the demo changes it (seeding,
 * `--approve`), and is saved then. The NetSuite fake journals every record a write stores (its store's
 * `onRecordChange`, in commit order) and flushes the journal before it answers (`api.onHandled`): a
 * write NetSuite confirmed is on disk before the client can record it in the ledger, so after a kill the
 * fake holds at least what the ledger says, and the next run resumes instead of starting over.
 *
 * With `resume`, both are restored (Kantata from its snapshot; NetSuite from its snapshot plus journal);
 * otherwise Kantata is seeded with the generated month and NetSuite with its master data (subsidiary,
 * departments, employees), and both are saved before anything is served.
 * @throws StateFileError when saved state is unreadable (empty, not JSON, a corrupt journal line).
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

  if (options.resume) {
    const savedKantata = await readJson<KantataState>(paths.kantata);
    const savedNetSuite = await readJson<NetSuiteFakeSnapshot>(paths.netsuite);
    if (!savedKantata || !savedNetSuite)
      throw new StateFileError(paths.dir, "the fakes' saved state is missing");
    let changes: NetSuiteChange[];
    try {
      changes = await readJournal<NetSuiteChange>(paths.netsuiteJournal);
    } catch (error) {
      if (error instanceof JournalCorruptError)
        throw new StateFileError(error.file, `line ${error.line} is corrupt`);
      throw error;
    }
    try {
      kantata.importState(savedKantata);
      netsuite.importState(applyChanges(savedNetSuite, changes));
    } catch (error) {
      throw new StateFileError(paths.dir, `saved state not usable (${(error as Error).message})`);
    }
  } else {
    kantata.seed(data.kantata);
    await writeJson(paths.kantata, kantata.exportState());
  }
  // The journal applies to this snapshot: write it (folding in what was replayed) and start a new journal.
  await writeJson(paths.netsuite, netsuite.exportState());
  const journal = await Journal.open<NetSuiteChange>(paths.netsuiteJournal);
  await journal.truncate();
  netsuite.onRecordChange((change) => journal.append(change));
  // Every answer waits for the flush holding its change (or one in progress that may hold it).
  netsuite.api.onHandled(() => journal.flush());

  const kantataServer = await kantata.listen({ host: "127.0.0.1", port: 0 });
  let netsuiteServer: FakeServer;
  try {
    netsuiteServer = await netsuite.listen({ host: "127.0.0.1", port: 0 });
  } catch (error) {
    await kantata.close();
    await journal.close();
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    kantata,
    netsuite,
    kantataServer,
    netsuiteServer,
    resumed: options.resume,
    saveKantata: () => writeJson(paths.kantata, kantata.exportState()),
    close({ persist = true } = {}) {
      closed ??= (async () => {
        await Promise.allSettled([kantata.close(), netsuite.close()]);
        if (persist) {
          await journal.flush();
          // Fold the journal into the snapshot; a kill between the two steps replays it (idempotently).
          await writeJson(paths.netsuite, netsuite.exportState());
          await journal.truncate();
        }
        await journal.close();
      })();
      return closed;
    },
  };
}

/**
 * A NetSuite snapshot with journaled changes applied in order: each change is the record as stored,
 * so replaying changes the snapshot already holds is harmless (the last one per record wins).
 */
export function applyChanges(
  snapshot: NetSuiteFakeSnapshot,
  changes: readonly NetSuiteChange[],
): NetSuiteFakeSnapshot {
  if (changes.length === 0) return snapshot;
  const tables = new Map<string, Map<string, FakeStoreChange["record"]>>();
  for (const [type, records] of Object.entries(snapshot.records)) {
    tables.set(type, new Map((records ?? []).map((r) => [r.id, r])));
  }
  let nextId = snapshot.nextId;
  for (const change of changes) {
    let table = tables.get(change.type);
    if (!table) {
      table = new Map();
      tables.set(change.type, table);
    }
    table.set(change.record.id, change.record);
    nextId = Math.max(nextId, change.nextId);
  }
  const records: NetSuiteFakeSnapshot["records"] = {};
  for (const [type, table] of tables) {
    records[type as keyof NetSuiteFakeSnapshot["records"]] = [...table.values()];
  }
  return { ...snapshot, nextId, records };
}

/** The NetSuite records the postings reference: subsidiary, departments (cost centers), employees. */
function netsuiteMasterRecords(data: DemoDataSet) {
  return {
    subsidiary: [{ id: data.netsuite.subsidiaryId, name: "Ledgerline Consulting Inc." }],
    // Issue 14: finance keys each department by its Workday cost center reference id (syncWorkforce matches on it).
    department: data.netsuite.departments.map((d) => ({
      id: d.id,
      name: `${d.costCenter} ${d.name}`,
      externalId: d.costCenter,
    })),
    employee: data.netsuite.employees.map((e) => ({ id: e.id, entityId: e.entityId, email: e.email })),
  };
}
