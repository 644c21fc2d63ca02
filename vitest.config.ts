import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["events/**/*.test.ts", "packages/**/*.test.ts", "test/**/*.test.ts"],
    setupFiles: ["./packages/local/src/polyfills.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
