import { existsSync } from "node:fs";

/** Debian's chromium, or the browser CHROMIUM_PATH names; undefined when there is none. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((candidate): candidate is string => Boolean(candidate && existsSync(candidate)));
}

/**
 * Whether the browser tests run: wherever a chromium is found, and always in CI (CI=true), where a
 * missing browser must fail the run rather than skip it. A clone on a machine without chromium
 * runs everything else, and the run's first lines say the browser tests did not run.
 */
export const browserTestsRun = findChromium() !== undefined || process.env.CI === "true";
