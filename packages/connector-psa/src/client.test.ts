import { describe, expect, it } from "vitest";
import { createPsaClient, KANTATA_BASE_URL } from "./client.js";

describe("createPsaClient configuration", () => {
  it("needs exactly one of token and auth, and names the option", () => {
    expect(() => createPsaClient({})).toThrow(/token/);
    expect(() => createPsaClient({ token: "  " })).toThrow(/token/);
    const auth = { getToken: async () => "t", invalidate: () => {} };
    expect(() => createPsaClient({ token: "t", auth })).toThrow(/mutually exclusive/);
    expect(() => createPsaClient({ auth })).not.toThrow();
  });

  it("rejects per_page outside 1–200 and a non-http base URL", () => {
    expect(() => createPsaClient({ token: "t", perPage: 201 })).toThrow(/perPage/);
    expect(() => createPsaClient({ token: "t", perPage: 0 })).toThrow(/perPage/);
    expect(() => createPsaClient({ token: "t", baseUrl: "ftp://x" })).toThrow(/baseUrl/);
  });

  it("sends the bearer token to the production API root by default", async () => {
    const seen: Request[] = [];
    const psa = createPsaClient({
      token: "abc123",
      retry: false,
      fetch: async (request) => {
        seen.push(request);
        return Response.json({
          count: 0,
          meta: { count: 0, page_count: 0, page_number: 1, page_size: 200 },
          results: [],
          users: {},
        });
      },
    });
    const pages = [];
    for await (const page of psa.pages("users")) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(seen[0]?.url).toBe(`${KANTATA_BASE_URL}/users.json?page=1&per_page=200`);
    expect(seen[0]?.headers.get("authorization")).toBe("Bearer abc123");
  });
});
