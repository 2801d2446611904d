import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

// The README's quick start is examples/quick-start.ts verbatim; the consumer smoke test
// (scripts/consumer-smoke.mjs) also runs it, and the testing block, against the packed package.
describe("README quick start", () => {
  const source = readFileSync(join(root, "examples", "quick-start.ts"), "utf8");

  it("is examples/quick-start.ts verbatim, marked as a runnable example", () => {
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain(`\`\`\`ts example\n${source}\`\`\``);
  });

  it("runs against the fake", () => {
    const out = execFileSync(
      process.execPath,
      ["--conditions=@ledgerline/source", "--import", "tsx", join(root, "examples", "quick-start.ts")],
      { encoding: "utf8", cwd: root },
    );
    expect(out).toContain("Alan Turing contractor inactive");
    expect(out).toContain("second wrote 0");
  });
});
