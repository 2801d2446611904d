#!/usr/bin/env node
// API reports (api-extractor), one per public entry point, committed under packages/<pkg>/etc/:
//   <pkg>.api.md for ".", <pkg>-<subpath>.api.md for the others ("./testing" → core-testing.api.md).
// Reads the built declarations (dist/*.d.ts), so run a build first (`npm run api:check` / `api:update` do).
//
//   node scripts/api-report.mjs            check: fails when a public signature changed and the report was
//                                          not updated (prints the difference)
//   node scripts/api-report.mjs --update   rewrites the reports
//   node scripts/api-report.mjs --since <git ref>
//                                          also fails when a report differs from <ref> and no changeset
//                                          added since <ref> names that package
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { Extractor, ExtractorConfig, ExtractorLogLevel } from "@microsoft/api-extractor";

const root = join(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: { update: { type: "boolean", default: false }, since: { type: "string" } },
});
const temp = mkdtempSync(join(tmpdir(), "ledgerline-api-"));
const problems = [];
const reports = [];

const messages = {
  // Every export is public API: no release tags (@public/@beta) are used in this repository.
  "ae-missing-release-tag": { logLevel: ExtractorLogLevel.None },
  // A type reachable from the API but not exported is named in the report, so a reviewer sees it.
  "ae-forgotten-export": { logLevel: ExtractorLogLevel.None, addToApiReportFile: true },
  // TSDoc coverage is a review matter, not a signature change; the report records signatures.
  "ae-undocumented": { logLevel: ExtractorLogLevel.None },
  // tsup's declaration bundler moves the @packageDocumentation comment below the imports.
  "ae-misplaced-package-tag": { logLevel: ExtractorLogLevel.None },
  // {@link} targets imported from another package are resolved by TypeDoc (`npm run docs`), not here.
  "ae-unresolved-link": { logLevel: ExtractorLogLevel.None },
};

for (const dir of readdirSync(join(root, "packages"))) {
  const folder = join(root, "packages", dir);
  const pkg = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
  if (pkg.private) continue;
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (subpath === "./package.json") continue;
    const dts = join(folder, target.types);
    if (!existsSync(dts)) {
      problems.push(`${pkg.name}${subpath.slice(1)}: ${relative(root, dts)} missing (build first)`);
      continue;
    }
    const name = subpath === "." ? dir : `${dir}-${subpath.slice(2).replaceAll("/", "-")}`;
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder: folder,
        mainEntryPointFilePath: dts,
        bundledPackages: [],
        compiler: {
          overrideTsconfig: {
            compilerOptions: {
              target: "ES2022",
              lib: ["ES2023", "DOM"],
              module: "NodeNext",
              moduleResolution: "NodeNext",
              types: ["node"],
              strict: true,
              skipLibCheck: true,
            },
            files: [dts],
          },
        },
        apiReport: {
          enabled: true,
          reportFileName: name,
          reportFolder: join(folder, "etc"),
          reportTempFolder: temp,
          includeForgottenExports: false,
        },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
          compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Warning } },
          extractorMessageReporting: { default: { logLevel: ExtractorLogLevel.Warning }, ...messages },
          tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
        },
      },
      configObjectFullPath: join(folder, "api-extractor.json"), // virtual: resolves relative settings
      packageJsonFullPath: join(folder, "package.json"),
    });
    mkdirSync(join(folder, "etc"), { recursive: true });
    const result = Extractor.invoke(config, {
      localBuild: args.update,
      showVerboseMessages: false,
      messageCallback: (message) => {
        const reportFileNews = message.messageId.startsWith("console-api-report");
        if (
          !reportFileNews &&
          [ExtractorLogLevel.Warning, ExtractorLogLevel.Error].includes(message.logLevel)
        ) {
          problems.push(`${pkg.name}${subpath.slice(1)}: ${message.formatMessageWithLocation(root)}`);
        }
        message.handled = true;
      },
    });
    const report = relative(root, join(folder, "etc", `${name}.api.md`));
    reports.push({ pkg: pkg.name, report });
    if (result.apiReportChanged && !args.update) {
      problems.push(
        `${pkg.name}${subpath.slice(1)}: the public API differs from ${report}. If the change is intended, ` +
          "run `npm run api:update`, commit the report, and add a changeset (`npm run changeset`).",
      );
      try {
        execFileSync("git", ["diff", "--no-index", "--", report, join(temp, `${name}.api.md`)], {
          cwd: root,
          stdio: "inherit",
        });
      } catch {
        // git diff --no-index exits 1 when the files differ; the difference is printed above.
      }
    } else if (result.apiReportChanged) {
      console.log(`updated ${report}`);
    }
  }
}

if (args.since) {
  // A changed report needs a changeset added since the base that names its package.
  const git = (...argv) => execFileSync("git", argv, { cwd: root, encoding: "utf8" });
  const base = git("merge-base", args.since, "HEAD").trim();
  const changedReports = new Set(
    git("diff", "--name-only", base, "--", "packages/*/etc/*.api.md").split("\n"),
  );
  const added = [
    ...git("diff", "--name-only", "--diff-filter=A", base, "--", ".changeset/*.md").split("\n"),
    ...git("ls-files", "--others", "--exclude-standard", "--", ".changeset/*.md").split("\n"), // not yet added
  ].filter((f) => f && !f.endsWith("README.md"));
  const named = added.map((f) => readFileSync(join(root, f), "utf8")).join("\n");
  for (const { pkg, report } of reports) {
    if (changedReports.has(report) && !named.includes(`"${pkg}":`)) {
      problems.push(
        `${report} changed since ${args.since} but no new changeset names ${pkg} (npm run changeset)`,
      );
    }
  }
}

rmSync(temp, { recursive: true, force: true });
if (problems.length > 0) {
  console.error(`API reports: ${problems.length} problem(s):\n- ${problems.join("\n- ")}`);
  process.exit(1);
}
console.log(`API reports: ${reports.length} entry points ${args.update ? "written" : "match their reports"}`);
