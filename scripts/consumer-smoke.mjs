#!/usr/bin/env node
// Consumer smoke test: the packages as a platform team gets them. Packs every public package, installs the
// tarballs into a fresh project outside the workspace (third-party dependencies from the npm registry), and
// checks, without the workspace's `@ledgerline/source` condition or its node_modules:
//   1. the tarballs: LICENSE, README, dist; no sources, tests or fixtures;
//   2. the declarations of every entry point and each README example (the ```ts example blocks) compile
//      with `tsc --noEmit` under moduleResolution node16, nodenext and bundler, with strict,
//      exactOptionalPropertyTypes and skipLibCheck: false — while the optional peers msw and
//      openapi-typescript are NOT installed (so no published .d.ts may name them);
//   3. each README example runs unchanged (against the package's own fake on 127.0.0.1), and the testing kit
//      without its optional peer ajv throws MissingDependencyError naming it;
//   4. every entry point loads with `import` and with `require` on Node 20 (this one), 22 and 24, exports the
//      very same values both ways (one copy of each class), errors cross the two (`instanceof`), and the bin
//      runs.
// Exits non-zero on any failure. Usage: node scripts/consumer-smoke.mjs [--skip-build] [--node 22,24] [--keep]
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const root = join(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: {
    "skip-build": { type: "boolean", default: false },
    node: { type: "string", default: "22,24" },
    keep: { type: "boolean", default: false },
  },
});
const started = Date.now();
const failures = [];
let checks = 0;

function log(message) {
  console.log(`[smoke ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${message}`);
}
function run(command, argv, options = {}) {
  const result = spawnSync(command, argv, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}`.trim(), result };
}
function check(name, ok, detail = "") {
  checks++;
  if (ok) return true;
  failures.push(name);
  console.error(`FAIL ${name}${detail ? `\n${detail.replace(/^/gm, "     ")}` : ""}`);
  return false;
}

// Optional peer dependencies a subpath needs at run time and in its types; installed only for phase 4.
const NEEDS = { "@ledgerline/core/testing/msw": ["msw"] };
// What a consumer of the fakes installs as dev dependencies (optional peers of core's testing kit).
const TEST_PEERS = ["ajv", "ajv-formats", "yaml"];

// --- the public packages and their entry points --------------------------------------------------------
const packages = readdirSync(join(root, "packages"))
  .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")) }))
  .filter(({ pkg }) => !pkg.private);
const entries = packages.flatMap(({ pkg }) =>
  Object.keys(pkg.exports)
    .filter((subpath) => subpath !== "./package.json")
    .map((subpath) => (subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`)),
);
const bins = packages.flatMap(({ dir, pkg }) =>
  Object.entries(pkg.bin ?? {}).map(([name, file]) => ({
    name,
    file: join("node_modules", pkg.name, file),
    dir,
  })),
);

// --- 1. build and pack ---------------------------------------------------------------------------------
if (!args["skip-build"]) {
  log("build");
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
}
const work = mkdtempSync(join(tmpdir(), "ledgerline-consumer-"));
const tarballs = join(work, "tarballs");
mkdirSync(tarballs);
log(`pack ${packages.length} packages into ${tarballs}`);
const deps = {};
for (const { dir, pkg } of packages) {
  const packed = run("npm", ["pack", "--json", "--pack-destination", tarballs], {
    cwd: join(root, "packages", dir),
  });
  if (!check(`${pkg.name}: npm pack`, packed.ok, packed.output)) continue;
  const [info] = JSON.parse(packed.output.slice(packed.output.indexOf("[")));
  const files = info.files.map((f) => f.path);
  check(
    `${pkg.name}: tarball has LICENSE, README.md, package.json`,
    ["LICENSE", "README.md", "package.json"].every((f) => files.includes(f)),
    files.join("\n"),
  );
  const extra = files.filter((f) =>
    /^src\/|(^|\/)(test|tests|fixtures?|__tests__)\/|\.test\.|\.spec\./.test(f),
  );
  check(`${pkg.name}: tarball holds no sources, tests or fixtures`, extra.length === 0, extra.join("\n"));
  check(
    `${pkg.name}: tarball holds only dist, README, LICENSE, CHANGELOG, package.json and declared extras`,
    files.every(
      (f) =>
        /^(dist\/|LICENSE$|README\.md$|CHANGELOG\.md$|package\.json$)/.test(f) ||
        pkg.files.some((p) => f.startsWith(`${p}/`)),
    ),
    files.join("\n"),
  );
  deps[pkg.name] = `file:${join(tarballs, info.filename)}`;
}

// --- the consumer project, outside the workspace -------------------------------------------------------
const app = join(work, "app");
mkdirSync(join(app, "readme"), { recursive: true });
const rootPkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const tsVersion = JSON.parse(
  readFileSync(join(root, "node_modules/typescript/package.json"), "utf8"),
).version;
writeFileSync(
  join(app, "package.json"),
  JSON.stringify(
    {
      name: "ledgerline-consumer-smoke",
      private: true,
      type: "module",
      dependencies: deps,
      devDependencies: {
        typescript: tsVersion,
        "@types/node": rootPkg.devDependencies["@types/node"],
        ...Object.fromEntries(TEST_PEERS.map((name) => [name, "*"])),
      },
    },
    null,
    2,
  ),
);
log("npm install (tarballs + registry dependencies)");
const install = run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
  cwd: app,
});
if (!check("consumer: npm install", install.ok, install.output)) finish();
for (const { pkg } of packages) {
  const installed = JSON.parse(readFileSync(join(app, "node_modules", pkg.name, "package.json"), "utf8"));
  check(`${pkg.name}: installed from its tarball, once`, installed.version === pkg.version);
  const nested = run("npm", ["ls", pkg.name, "--all", "--parseable"], { cwd: app })
    .output.split("\n")
    .filter(Boolean);
  check(`${pkg.name}: one copy in node_modules`, nested.length <= 1, nested.join("\n"));
}

// --- 2. types: every entry point and every README example, three resolutions, strictest settings ------
const examples = [];
for (const { dir, pkg } of packages) {
  const readme = readFileSync(join(root, "packages", dir, "README.md"), "utf8");
  let n = 0;
  for (const match of readme.matchAll(/^```ts example\n([\s\S]*?)^```$/gm)) {
    const file = `readme/${dir}-${++n}.ts`;
    writeFileSync(join(app, file), match[1]);
    examples.push({ pkg: pkg.name, file });
  }
}
log(`${examples.length} README examples: ${examples.map((e) => e.file).join(", ")}`);
const typeEntries = entries.filter((e) => !NEEDS[e]);
writeFileSync(
  join(app, "entries.ts"),
  `${typeEntries.map((e, i) => `import * as entry${i} from "${e}";`).join("\n")}\nexport const all = [${typeEntries.map((_, i) => `entry${i}`).join(", ")}];\n`,
);
const compilerOptions = {
  target: "ES2022",
  lib: ["ES2023"],
  strict: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: false,
  types: ["node"],
  noEmit: true,
};
const resolutions = {
  node16: { module: "node16", moduleResolution: "node16" },
  nodenext: { module: "nodenext", moduleResolution: "nodenext" },
  bundler: { module: "esnext", moduleResolution: "bundler" },
};
const tsc = join(app, "node_modules/typescript/bin/tsc");
for (const [name, resolution] of Object.entries(resolutions)) {
  writeFileSync(
    join(app, `tsconfig.${name}.json`),
    JSON.stringify(
      { compilerOptions: { ...compilerOptions, ...resolution }, include: ["entries.ts", "readme/*.ts"] },
      null,
      2,
    ),
  );
  log(`tsc --noEmit, moduleResolution ${name}`);
  const result = run(process.execPath, [tsc, "-p", `tsconfig.${name}.json`], { cwd: app });
  check(
    `types (moduleResolution ${name}, strict, exactOptionalPropertyTypes, skipLibCheck false)`,
    result.ok,
    result.output,
  );
}

// --- 3. run each README example unchanged ---------------------------------------------------------------
writeFileSync(
  join(app, "tsconfig.emit.json"),
  JSON.stringify(
    {
      compilerOptions: {
        ...compilerOptions,
        ...resolutions.nodenext,
        noEmit: false,
        noEmitOnError: false,
        outDir: "out",
        rootDir: ".",
      },
      include: ["readme/*.ts"],
    },
    null,
    2,
  ),
);
run(process.execPath, [tsc, "-p", "tsconfig.emit.json"], { cwd: app });
for (const { pkg, file } of examples) {
  const js = join("out", file.replace(/\.ts$/, ".js"));
  const result = run(process.execPath, [js], { cwd: app, timeout: 120_000 });
  check(`${pkg}: README example ${file} runs`, result.ok, result.output.slice(-4000));
  if (result.ok) log(`ran ${file}: ${result.output.split("\n")[0]?.slice(0, 100) ?? ""}`);
}

// --- the testing kit without its optional peers: a typed error naming the missing package ---------------
renameSync(join(app, "node_modules/ajv"), join(app, "node_modules/.ajv-hidden"));
try {
  const probe = `
    import { createFakeApi, MissingDependencyError } from "@ledgerline/core/testing";
    try {
      createFakeApi({ spec: { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {} }, routes: {} });
      console.log("no error");
    } catch (error) {
      console.log(error instanceof MissingDependencyError ? \`\${error.code} \${error.dependency}\` : String(error));
    }`;
  const result = run(process.execPath, ["--input-type=module", "-e", probe], { cwd: app });
  check(
    "core/testing without ajv: MissingDependencyError naming ajv",
    result.output === "MISSING_DEPENDENCY ajv",
    result.output,
  );
} finally {
  renameSync(join(app, "node_modules/.ajv-hidden"), join(app, "node_modules/ajv"));
}

// --- 4. import and require, on every Node version -------------------------------------------------------
const optional = [...new Set(Object.values(NEEDS).flat())];
if (optional.length > 0) {
  log(`npm install ${optional.join(" ")} (optional peers some subpaths need)`);
  const result = run(
    "npm",
    ["install", "--no-save", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...optional],
    { cwd: app },
  );
  check("consumer: install optional peers", result.ok, result.output);
}
for (const file of ["load.cjs", "load.mjs", "cross-checks.cjs"]) {
  cpSync(join(root, "scripts/consumer-smoke", file), join(app, file));
}
const versions = [{ label: process.version, cmd: [process.execPath] }].concat(
  args.node
    .split(",")
    .filter(Boolean)
    .map((v) => ({ label: `Node ${v}`, cmd: ["npx", "--yes", "-p", `node@${v}`, "--", "node"] })),
);
for (const { label, cmd } of versions) {
  for (const script of ["load.mjs", "load.cjs"]) {
    const result = run(cmd[0], [...cmd.slice(1), script, JSON.stringify(entries)], {
      cwd: app,
      timeout: 300_000,
    });
    check(
      `${label}: ${script} (${script.endsWith("cjs") ? "require" : "import"} of every entry point, instanceof across)`,
      result.ok,
      result.output,
    );
    if (result.ok) log(`${label} ${script}: ${result.output.split("\n").at(-1)}`);
  }
  for (const bin of bins) {
    const result = run(cmd[0], [...cmd.slice(1), bin.file, "--help"], { cwd: app });
    check(`${label}: bin ${bin.name} --help`, result.ok && result.output.includes("Usage"), result.output);
  }
}

finish();

function finish() {
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (args.keep) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
  if (failures.length > 0) {
    console.error(
      `consumer smoke: FAILED ${failures.length} of ${checks} checks in ${seconds}s:\n- ${failures.join("\n- ")}`,
    );
    process.exit(1);
  }
  console.log(`consumer smoke: all ${checks} checks ok in ${seconds}s`);
  process.exit(0);
}
