import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["events/**/*.test.ts", "packages/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts"],
    setupFiles: ["./packages/local/src/polyfills.ts"],
    // Says whether ../shared is there, so the corpus measurements ran or plainly did not.
    globalSetup: ["./test/shared-corpus/report.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // dossier supports Node 20 on purpose (the machines it runs on); the SDK would warn on every test file.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
