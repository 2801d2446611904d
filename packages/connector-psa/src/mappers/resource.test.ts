import { describe, expect, it } from "vitest";
import { user } from "../../test/fixtures.js";
import { toResource } from "./resource.js";

describe("toResource (user → Resource)", () => {
  it("maps name, email and headline; kind is not guessed", () => {
    expect(toResource(user)).toMatchObject({
      key: "kantata-users-7",
      source: { system: "kantata", type: "users", id: "7" },
      name: "Ada Lovelace",
      email: "ada@example.com",
      title: "Principal consultant",
      kind: "other",
      active: true,
    });
  });

  it("omits a missing email and takes overrides from an HCM", () => {
    const resource = toResource({ ...user, email_address: null }, { kind: "employee", active: false });
    expect(resource.email).toBeUndefined();
    expect(resource).toMatchObject({ kind: "employee", active: false });
  });
});
