import { Crosswalk, MemoryLedger } from "@ledgerline/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ResourceDirectory, readDeliverySnapshot } from "../src/index.js";
import { type Harness, harness, PERIOD } from "./fixtures.js";

describe("readDeliverySnapshot with a directory backed by core's Crosswalk", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("adds each person's NetSuite id from the crosswalk, asking once per person; unknown people stay as read", async () => {
    const crosswalk = new Crosswalk(new MemoryLedger());
    await crosswalk.link("person", "workday-worker-9", "kantata", "7");
    await crosswalk.link("person", "workday-worker-9", "netsuite", "301");
    const asked: string[] = [];
    const resources: ResourceDirectory = async (person) => {
      asked.push(person.key);
      const kantata = person.ids?.kantata;
      const key = kantata === undefined ? undefined : await crosswalk.resolve("person", "kantata", kantata);
      const netsuite = key === undefined ? undefined : await crosswalk.lookup("person", key, "netsuite");
      return netsuite === undefined ? undefined : { ids: { netsuite }, dimensions: { costCenter: "CC-100" } };
    };
    const snapshot = await readDeliverySnapshot(h.psa, { period: PERIOD, resources });
    expect(asked.sort()).toEqual(["kantata-users-7", "kantata-users-8"]);
    const ada = snapshot.timeEntries.find((e) => e.key === "kantata-time_entries-501");
    expect(ada?.resource.ids).toMatchObject({ kantata: "7", netsuite: "301" });
    expect(ada?.dimensions?.costCenter).toBe("CC-100");
    const grace = snapshot.timeEntries.find((e) => e.key === "kantata-time_entries-504");
    expect(grace?.resource.ids?.netsuite).toBeUndefined();
    expect(grace?.dimensions?.costCenter).toBeUndefined();
    expect(snapshot.expenses.map((e) => e.resource.ids?.netsuite)).toEqual(["301", "301"]);
  });
});
