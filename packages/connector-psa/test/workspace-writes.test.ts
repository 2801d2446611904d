import { BadRequestError } from "@ledgerline/core";
import { afterEach, describe, expect, it } from "vitest";
import { createPsaClient } from "../src/client.js";
import { createKantataFake, type KantataFake } from "../src/testing/index.js";

let fake: KantataFake;
afterEach(() => fake?.assertNoViolations());

function setup() {
  fake = createKantataFake({
    seed: { workspace_groups: [{ id: "200", name: "Globex", company: true, workspace_ids: [] }] },
  });
  const psa = createPsaClient({ auth: "token", baseUrl: fake.baseUrl, fetch: fake.fetch, retry: false });
  return psa;
}

describe("workspace writes", () => {
  it("creates a workspace with its external reference in one request, then finds it by that reference", async () => {
    const psa = setup();
    const created = await psa.createWorkspace({
      title: "Globex — Data platform",
      creator_role: "maven",
      currency: "EUR",
      price: "125000.50",
      start_date: "2026-12-01",
      due_date: "2027-05-31",
      workspace_group_ids: ["200"],
      external_reference: {
        service_name: "Ledgerline",
        service_model: "engagement",
        service_model_ref: "salesforce-opportunity-006000000000001",
      },
    });
    expect(created).toMatchObject({
      title: "Globex — Data platform",
      currency: "EUR",
      price_in_cents: 12_500_050,
    });
    expect(fake.store.get("workspace_groups", "200")?.workspace_ids).toEqual([created.id]);
    const found = await psa.findExternalReference({
      subjectType: "Workspace",
      serviceName: "Ledgerline",
      serviceModel: "engagement",
      serviceModelRef: "salesforce-opportunity-006000000000001",
    });
    expect(found).toMatchObject({ subject_type: "Workspace", subject_id: created.id });
    expect(
      await psa.findExternalReference({
        subjectType: "Workspace",
        serviceName: "Ledgerline",
        serviceModel: "engagement",
        serviceModelRef: "salesforce-opportunity-other",
      }),
    ).toBeUndefined();
  });

  it("updates only the attributes sent, and reads the workspace back", async () => {
    const psa = setup();
    const created = await psa.createWorkspace({
      title: "P-1",
      creator_role: "maven",
      due_date: "2027-01-31",
    });
    const updated = await psa.updateWorkspace(created.id, { title: "P-1 renamed" });
    expect(updated).toMatchObject({ title: "P-1 renamed", due_date: "2027-01-31" });
    expect((await psa.workspace(created.id))?.title).toBe("P-1 renamed");
    expect(await psa.workspace("999999")).toBeUndefined();
  });

  it("creates an external reference, and updates it (not a second one) for the same service and model", async () => {
    const psa = setup();
    const ws = await psa.createWorkspace({ title: "P-2", creator_role: "buyer" });
    const first = await psa.upsertExternalReference({
      subject_type: "Workspace",
      subject_id: Number(ws.id),
      service_name: "NetSuite",
      service_model: "job",
      service_model_ref: "1042",
    });
    const second = await psa.upsertExternalReference({
      subject_type: "Workspace",
      subject_id: ws.id,
      service_name: "NetSuite",
      service_model: "job",
      service_model_ref: "1043",
      status: "successful",
    });
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({ service_model_ref: "1043", status: "successful" });
    expect(fake.store.count("external_references")).toBe(1);
  });

  it("refuses what Kantata refuses, with a 422 naming the field", async () => {
    const psa = setup();
    await expect(
      psa.createWorkspace({ title: "P-3", creator_role: "maven", workspace_group_ids: ["404"] }),
    ).rejects.toBeInstanceOf(BadRequestError);
    await expect(
      psa.createWorkspace({ title: "P-3", creator_role: "maven", currency: "JPY", price: "10.5" }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      psa.upsertExternalReference({
        subject_type: "Workspace",
        subject_id: "424242",
        service_name: "NetSuite",
        service_model: "job",
        service_model_ref: "1",
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect(fake.store.count("workspaces")).toBe(0);
  });

  it("answers a contract violation for a body without creator_role (the SDK's types forbid it)", async () => {
    setup();
    const response = await fake.fetch(
      new Request(`${fake.baseUrl}/workspaces.json`, {
        method: "POST",
        headers: { authorization: "Bearer t", "content-type": "application/json" },
        body: JSON.stringify({ workspace: { title: "No role" } }),
      }),
    );
    expect(response.status).toBe(400);
    expect(fake.api.violations).toHaveLength(1);
    fake.api.reset();
  });
});
