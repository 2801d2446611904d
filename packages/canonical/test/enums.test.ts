import { describe, expect, it } from "vitest";
import {
  BillingType,
  LaborCategory,
  normalizeApprovalState,
  ProjectStatus,
  RevenueTreatment,
} from "../src/index.js";

describe("tolerant enums", () => {
  it("maps vendor spellings to canonical codes", () => {
    expect(BillingType.normalize("TM").code).toBe("time_and_materials");
    expect(BillingType.normalize("Time & Materials").code).toBe("time_and_materials");
    expect(BillingType.normalize("FBM").code).toBe("milestone");
    expect(BillingType.normalize("fixed_fee").code).toBe("fixed_fee");
    expect(ProjectStatus.normalize("In Progress")).toEqual({ code: "active", raw: "In Progress" });
    expect(ProjectStatus.normalize("Canceled").code).toBe("cancelled");
    expect(LaborCategory.normalize("PTO").code).toBe("leave");
    expect(RevenueTreatment.normalize("Percent Complete").code).toBe("percent_complete");
  });

  it("keeps unknown values as other with the raw value", () => {
    expect(BillingType.normalize("Cost Plus")).toEqual({ code: "other", raw: "Cost Plus" });
    expect(ProjectStatus.normalize(null)).toEqual({ code: "other", raw: "" });
    expect(ProjectStatus.normalize("toString")).toEqual({ code: "other", raw: "toString" });
  });

  it("accepts per-integration aliases", () => {
    expect(ProjectStatus.normalize("Green", { green: "active" }).code).toBe("active");
  });

  it("normalises approval states, including Kantata's boolean", () => {
    expect(normalizeApprovalState(true).state).toBe("approved");
    expect(normalizeApprovalState("Pending Approval").state).toBe("submitted");
    expect(normalizeApprovalState("escalated")).toEqual({ state: "other", raw: "escalated" });
  });
});
