import { afterEach, describe, expect, it } from "vitest";
import { createPsaClient } from "./client.js";
import { createKantataFake, type KantataFake } from "./testing/index.js";
import type { KantataExternalReferenceWrite } from "./workspace-writes.js";

let fake: KantataFake;

afterEach(() => {
  // Every request and response matched openapi/kantata.yaml.
  fake.assertNoViolations();
});

function setup() {
  fake = createKantataFake({
    seed: {
      workspaces: [{ id: "10", title: "Acme rollout" } as never],
      stories: [
        {
          id: "55",
          title: "Phase 1 sign-off",
          story_type: "milestone",
          workspace_id: "10",
          state: "completed",
          billable: true,
        },
      ],
    },
  });
  return createPsaClient({ auth: "t", baseUrl: fake.baseUrl, fetch: fake.fetch });
}

const invoiceRef: KantataExternalReferenceWrite = {
  subject_type: "Story",
  subject_id: "55",
  service_name: "NetSuite",
  service_model: "invoice",
  service_model_ref: "1042",
  status: "successful",
};

describe("upsertExternalReference (POST /external_references/create_or_update.json)", () => {
  it("records the invoice id on the milestone story, and a repeat updates the same reference", async () => {
    const psa = setup();
    const created = await psa.upsertExternalReference(invoiceRef);
    expect(created).toMatchObject({
      subject_type: "Story",
      subject_id: "55",
      service_name: "NetSuite",
      service_model: "invoice",
      service_model_ref: "1042",
      status: "successful",
    });
    const again = await psa.upsertExternalReference({ ...invoiceRef, service_model_ref: "1043" });
    expect(again.id).toBe(created.id);
    expect(fake.store.all("external_references")).toHaveLength(1);
    expect(fake.store.all("external_references")[0]?.service_model_ref).toBe("1043");
    // Another record type of the same system is another reference.
    await psa.upsertExternalReference({ ...invoiceRef, service_model: "journalEntry" });
    expect(fake.store.all("external_references")).toHaveLength(2);
  });

  it("is refused (422) for an object that does not exist", async () => {
    const psa = setup();
    await expect(psa.upsertExternalReference({ ...invoiceRef, subject_id: "999" })).rejects.toMatchObject({
      status: 422,
    });
    expect(fake.store.all("external_references")).toHaveLength(0);
  });
});
