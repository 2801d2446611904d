import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Where Debian's Chromium is: `$CHROMIUM_PATH`, else `chromium` (or `chromium-browser`) on the PATH.
 * `.ci/run` installs it (`apt-get install -y chromium`) when it is missing.
 */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      const path = execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
      if (path) return path;
    } catch {
      // not on the PATH
    }
  }
  return undefined;
}

/** Why a browser test cannot run, in words a CI log reader can act on. */
export const CHROMIUM_MISSING =
  "Chromium not found: the HTML report test needs Debian's Chromium (apt-get install -y chromium, as .ci/run does) or CHROMIUM_PATH pointing at a Chromium binary";
