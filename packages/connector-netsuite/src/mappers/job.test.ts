import { describe, expect, it } from "vitest";
import { ctx, project } from "../../test/fixtures.js";
import { toJob } from "./job.js";

describe("toJob", () => {
  it("maps a project to a job under its client (parent, never customer)", () => {
    const body = toJob(project, ctx);
    expect(body).toEqual({
      externalId: "kantata-workspaces-77",
      companyName: "Acme data platform",
      entityId: "P-77",
      parent: { id: "501" },
      startDate: "2026-11-01",
      subsidiary: { id: "4" },
    });
    expect(body).not.toHaveProperty("customer");
  });

  it("marks completed projects inactive", () => {
    expect(toJob({ ...project, status: { code: "completed" } }, ctx).isInactive).toBe(true);
  });

  it("sends the currency only when currencies are mapped, and requires the mapping then", () => {
    expect(toJob(project, { ...ctx, currencies: { GBP: "2" } }).currency).toEqual({ id: "2" });
    expect(() => toJob(project, { ...ctx, currencies: { USD: "1" } })).toThrow(/cannot be mapped/);
  });
});
