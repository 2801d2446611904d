import { isReasonCode, POSTING_VIOLATION_CODES, REASON_CODES } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { toBillableExpense } from "../src/mappers/expense.js";
import { expense } from "./fixtures.js";

describe("one reason code per rejection", () => {
  it("Kantata's unapproved / non-billable expense rejections use canonical's codes", () => {
    let error: unknown;
    try {
      toBillableExpense({ ...expense, active_submission_id: null, is_billable: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const codes = (error as ValidationError).issues.map((i) => i.code);
    expect(codes).toEqual(["APPROVAL_REQUIRED", "NOT_BILLABLE"]);
    expect(codes.every(isReasonCode)).toBe(true);
  });

  it("every posting-policy code is in the shared catalogue, and the catalogue has no synonyms of it", () => {
    for (const code of POSTING_VIOLATION_CODES) expect(isReasonCode(code)).toBe(true);
    expect(Object.keys(REASON_CODES)).not.toContain("NOT_APPROVED");
    expect(isReasonCode("not_approved")).toBe(false);
  });
});
