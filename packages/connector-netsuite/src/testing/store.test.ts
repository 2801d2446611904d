import { describe, expect, it } from "vitest";
import { FakeNetSuiteError } from "./fake-error.js";
import { FakeStore, type FakeStoreChange } from "./store.js";

const time = { employee: { id: "1" }, tranDate: "2026-11-16", hours: "1:00" };

describe("FakeStore (NetSuite write semantics)", () => {
  it("upserts by external id: a second PUT updates the same record", () => {
    const store = new FakeStore({ strictReferences: false });
    const a = store.upsert("timeBill", "k-1", time, []);
    const b = store.upsert("timeBill", "k-1", { ...time, hours: "2:00" }, []);
    expect(a).toEqual({ id: b.id, created: true });
    expect(b.created).toBe(false);
    expect(store.list("timeBill")).toHaveLength(1);
    expect(store.get("timeBill", "eid:k-1")?.hours).toBe("2:00");
  });

  it("tells change listeners every stored record in commit order; replaying them rebuilds the state", () => {
    const store = new FakeStore({ strictReferences: false });
    store.seed("employee", [{ id: "1" }]);
    const changes: FakeStoreChange[] = [];
    const stop = store.onChange((c) => changes.push(c));
    store.upsert("timeBill", "k-1", time, []);
    const { id } = store.create("timeBill", { ...time, externalId: "k-2" });
    store.update("timeBill", id, { memo: "m" }, []);
    expect(() => store.upsert("timeBill", "k|3", time, [])).toThrow(); // refused: no change
    expect(changes.map((c) => `${c.record.externalId}:${c.nextId}`)).toEqual([
      "k-1:1002",
      "k-2:1003",
      "k-2:1003",
    ]);
    const replayed = new FakeStore({ strictReferences: false });
    const state = store.exportState();
    replayed.importState({ version: 1, nextId: 1001, records: { employee: state.records.employee ?? [] } });
    for (const c of changes) replayed.seed(c.type, [c.record]);
    expect(replayed.exportState()).toEqual(state);
    stop();
    store.upsert("timeBill", "k-4", time, []);
    expect(changes).toHaveLength(3);
  });

  it("refuses a duplicate external id on create, and bad external ids", () => {
    const store = new FakeStore({ strictReferences: false });
    store.create("timeBill", { ...time, externalId: "k-1" });
    expect(() => store.create("timeBill", { ...time, externalId: "k-1" })).toThrow(FakeNetSuiteError);
    expect(() => store.upsert("timeBill", "k|1", time, [])).toThrow(/letters, digits/);
  });

  it("PATCH keeps omitted fields and clears null ones; unknown ids are NONEXISTENT_ID", () => {
    const store = new FakeStore({ strictReferences: false });
    const { id } = store.create("timeBill", { ...time, memo: "m" });
    store.update("timeBill", id, { memo: null, isBillable: true }, []);
    expect(store.get("timeBill", id)).toMatchObject({ hours: "1:00", isBillable: true });
    expect(store.get("timeBill", id)).not.toHaveProperty("memo");
    expect(() => store.update("timeBill", "999", {}, [])).toThrow(
      expect.objectContaining({ errorCode: "NONEXISTENT_ID" }),
    );
  });

  it("appends sublist lines unless replace names the sublist", () => {
    const store = new FakeStore({ strictReferences: false });
    const report = { entity: { id: "1" }, tranDate: "2026-11-16", expense: { items: [{ amount: 1 }] } };
    store.upsert("expenseReport", "r-1", report, []);
    store.upsert("expenseReport", "r-1", report, []);
    expect((store.get("expenseReport", "eid:r-1")!.expense as { items: unknown[] }).items).toHaveLength(2);
    store.upsert("expenseReport", "r-1", report, ["expense"]);
    expect((store.get("expenseReport", "eid:r-1")!.expense as { items: unknown[] }).items).toEqual([
      { amount: 1, id: 1, line: "1" },
    ]);
  });

  it("checks mandatory fields, references (when strict) and the job customer field", () => {
    const store = new FakeStore({ strictReferences: true });
    expect(() => store.upsert("timeBill", "k", { tranDate: "2026-11-16", hours: "1:00" }, [])).toThrow(
      expect.objectContaining({ errorCode: "USER_ERROR", errorPath: "employee" }),
    );
    expect(() => store.upsert("timeBill", "k", time, [])).toThrow(
      expect.objectContaining({ errorPath: "employee" }),
    );
    store.seed("employee", [{ id: "1" }]);
    expect(store.upsert("timeBill", "k", time, []).created).toBe(true);
    expect(() => store.upsert("job", "j", { companyName: "x", customer: { id: "1" } }, [])).toThrow(
      /use parent/,
    );
  });

  it("exports and imports its state, and reports external ids stored twice", () => {
    const store = new FakeStore({ strictReferences: false });
    store.upsert("timeBill", "k-1", time, []);
    const copy = new FakeStore({ strictReferences: false });
    copy.importState(JSON.parse(JSON.stringify(store.exportState())));
    expect(copy.upsert("timeBill", "k-1", time, []).created).toBe(false);
    expect(copy.upsert("timeBill", "k-2", time, []).id).not.toBe(store.list("timeBill")[0]?.id);
    expect(copy.duplicateExternalIds()).toEqual([]);
    copy.seed("timeBill", [{ id: "5000", externalId: "k-1" }]);
    expect(copy.duplicateExternalIds()).toEqual([{ type: "timeBill", externalId: "k-1", count: 2 }]);
    expect(() => copy.importState({ version: 2 } as never)).toThrow(/exportState/);
  });
});
