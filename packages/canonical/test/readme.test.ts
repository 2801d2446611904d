import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

const root = join(import.meta.dirname, "..");

describe("README", () => {
  it("shows the quick-start example verbatim", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const example = readFileSync(join(root, "examples", "quick-start.ts"), "utf8");
    expect(readme).toContain(example);
  });

  it("the quick-start example runs and prints what its comments say", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await import("../examples/quick-start.js");
    const lines = log.mock.calls.map((c) => c[0]);
    log.mockRestore();
    expect(lines).toEqual([
      "4:30",
      { amount: "675.00", currency: "USD" },
      ["33.34", "33.33", "33.33"],
      { postable: true, violations: [] },
      "1 invoice blocked by missing tax codes",
      ["project kantata-workspaces-12: 1 record, 4:30 h missing in target"],
    ]);
  });
});
