import { ValidationError } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { clientGroup } from "../../test/fixtures.js";
import { toClient } from "./client.js";

describe("toClient (company workspace group → Client)", () => {
  it("maps a company group", () => {
    expect(toClient(clientGroup)).toMatchObject({
      key: "kantata-workspace_groups-300",
      name: "Globex Corporation",
      active: true,
    });
  });

  it("refuses a group that is not a company", () => {
    expect(() => toClient({ ...clientGroup, company: false })).toThrow(ValidationError);
  });
});
