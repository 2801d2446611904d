import { ValidationError } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { milestone, workspace } from "../../test/fixtures.js";
import { toMilestone } from "./milestone.js";

describe("toMilestone (story of type milestone → Milestone)", () => {
  it("maps an open milestone with its amount in the workspace currency", () => {
    expect(toMilestone(milestone, { workspace })).toMatchObject({
      key: "kantata-stories-900",
      project: { key: "kantata-workspaces-4711", name: "Apollo ERP rollout" },
      name: "Go-live",
      state: "open",
      dueDate: "2027-03-15",
      amount: { amount: "25000.00", currency: "USD" },
      billable: true,
      percentComplete: 40,
    });
  });

  it("never assumes a currency: no workspace, no amount", () => {
    expect(toMilestone(milestone).amount).toBeUndefined();
  });

  it("needs the completion date of a completed milestone from the caller", () => {
    const done = { ...milestone, state: "completed" };
    expect(() => toMilestone(done, { workspace })).toThrow(ValidationError);
    expect(toMilestone(done, { workspace, completedOn: "2027-03-14" })).toMatchObject({
      state: "completed",
      completedOn: "2027-03-14",
    });
  });

  it("maps unknown states to other and refuses stories that are not milestones", () => {
    expect(toMilestone({ ...milestone, state: "on ice" }).state).toBe("other");
    try {
      toMilestone({ ...milestone, story_type: "task" });
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues[0]?.path).toBe("story_type");
    }
  });
});
