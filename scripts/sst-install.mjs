#!/usr/bin/env node
// `sst install` without network or AWS: installs the providers SST needs and writes the
// `.sst/platform` types that `tsc -p tsconfig.sst.json` checks sst.config.ts and stacks/ against.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) =>
  path.join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);

function fail(message) {
  console.error(`sst:install failed: ${message}`);
  process.exit(1);
}

for (const tool of ["sst", "bun"]) {
  if (!existsSync(bin(tool)))
    fail(`${bin(tool)} is missing; run \`npm install\` at the repository root first.`);
}

const result = spawnSync(bin("sst"), ["install"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    // Installing providers is stage-independent; a stage is only required by the CLI's argument check.
    SST_STAGE: process.env.SST_STAGE || "install",
    SST_SKIP_DEPENDENCY_CHECK: "1",
    SST_TELEMETRY_DISABLED: "1",
    SST_BUN_PATH: bin("bun"),
  },
});

if (result.error) fail(`could not start sst: ${result.error.message}`);
if (result.status !== 0)
  fail(`\`sst install\` exited with ${result.status ?? result.signal}; see its output above.`);
if (!existsSync(path.join(root, ".sst", "platform", "config.d.ts"))) {
  fail(".sst/platform/config.d.ts was not generated; check that sst.config.ts loads.");
}
console.log("sst:install: providers installed; type-check with `npx tsc -p tsconfig.sst.json`.");
