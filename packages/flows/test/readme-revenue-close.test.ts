import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

// The README's runnable example is this file, verbatim; running it proves it works against the fakes.
describe("README example revenue-close.ts", () => {
  const file = join(root, "examples", "revenue-close.ts");

  it("is in the README verbatim", () => {
    expect(readme).toContain(readFileSync(file, "utf8"));
  });

  it("runs: the January milestone posts in February, a rerun changes nothing, the close ties out", () => {
    const out = execFileSync(process.execPath, ["--conditions=@ledgerline/source", "--import", "tsx", file], {
      encoding: "utf8",
      cwd: root,
    });
    expect(out.trim()).toBe("2026-02 3000.00 3000.00 1\ntrue true");
  }, 60_000);
});
