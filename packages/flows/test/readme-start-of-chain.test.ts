import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

// The consumer smoke test (scripts/consumer-smoke.mjs) also runs the README example against the packed package.
describe("README start of the chain", () => {
  const source = readFileSync(join(root, "examples", "start-of-chain.ts"), "utf8");

  it("is examples/start-of-chain.ts verbatim, marked as a runnable example", () => {
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain(`\`\`\`ts example\n${source}\`\`\``);
  });

  it("runs against the fakes on 127.0.0.1", () => {
    const out = execFileSync(
      process.execPath,
      ["--conditions=@ledgerline/source", "--import", "tsx", join(root, "examples", "start-of-chain.ts")],
      { encoding: "utf8", cwd: root },
    );
    expect(out).toContain("workforce: 2 written, 0 held or rejected");
    expect(out).toContain("Grace's time goes to department 101");
    expect(out).toMatch(/engagement written \{ salesforce: '006\w+', netsuite: '\d+', kantata: '\d+' \}/);
    expect(out).toContain("rerun: 0 written, 2 unchanged");
  });
});
