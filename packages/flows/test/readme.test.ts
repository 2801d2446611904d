import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

const root = join(import.meta.dirname, "..");

describe("README", () => {
  it("shows the postDelivery example verbatim", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const example = readFileSync(join(root, "examples", "post-delivery.ts"), "utf8");
    expect(readme).toContain(`\`\`\`ts example\n${example}\`\`\``);
  });

  it("the postDelivery example runs against the fakes and prints what its comments say", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await import("../examples/post-delivery.js");
    const lines = log.mock.calls.map((c) => c.join(" "));
    log.mockRestore();
    expect(lines).toEqual(["3 1 0", "kantata-time_entries-502 APPROVAL_REQUIRED approval.state", "0 3 1"]);
  });
});
