import { configDefaults, defineConfig } from "vitest/config";

/** Where the project's own tests live, outside the cross-package suites under test/. */
const packageTests = ["events/**/*.test.ts", "packages/**/*.test.ts", "bench/**/*.test.ts"];

/**
 * Three tiers a reader can see by file name (`npm test` runs them all):
 * - unit: `*.test.ts` beside the code, plus the stack-definition and docs checks — no servers, no sleeps;
 * - integration: `*.integration.test.ts` — dynalite, s3rver, the local bus or loopback HTTP servers;
 * - e2e: `test/e2e`, `test/cli` and `test/console` — the embedded runtime, the `dossier` command and
 *   the console in a browser, end to end.
 */
export default defineConfig({
  test: {
    setupFiles: ["./packages/local/src/polyfills.ts"],
    // Says whether ../shared is there, so the corpus measurements ran or plainly did not.
    globalSetup: ["./test/shared-corpus/report.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // dossier supports Node 20 on purpose (the machines it runs on); the SDK would warn on every test file.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [...packageTests, "test/stacks/**/*.test.ts", "test/*.test.ts"],
          exclude: [...configDefaults.exclude, "**/*.integration.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: packageTests.map((glob) => glob.replace(".test.ts", ".integration.test.ts")),
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts", "test/cli/**/*.test.ts", "test/console/**/*.test.ts"],
        },
      },
    ],
  },
});
