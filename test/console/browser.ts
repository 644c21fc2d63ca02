import { mkdir } from "node:fs/promises";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { describe, expect } from "vitest";
import { browserTestsRun, findChromium } from "./chromium";

/**
 * Debian's chromium (`apt-get install chromium`, which .ci/run does when it is missing), or the
 * browser CHROMIUM_PATH names. playwright-core downloads no browser of its own.
 */
/** A suite that drives the console in chromium (see {@link browserTestsRun}). */
export const describeInBrowser = describe.skipIf(!browserTestsRun);

export function chromiumPath(): string {
  const found = findChromium();
  if (!found) {
    throw new Error(
      "no chromium found: `apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium binary",
    );
  }
  return found;
}

export function launchChromium(): Promise<Browser> {
  // The sandbox needs user namespaces, which a root CI container does not give.
  return chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox"] });
}

const imagesDir = path.resolve(import.meta.dirname, "..", "..", "docs", "images");

/**
 * The README's screenshots are taken by these tests: with DOSSIER_CONSOLE_SCREENSHOTS=1 they are
 * written to docs/images/, otherwise the page is still captured (so a broken capture fails here)
 * and dropped.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const keep = process.env.DOSSIER_CONSOLE_SCREENSHOTS === "1";
  if (keep) await mkdir(imagesDir, { recursive: true });
  const image = await page.screenshot({
    fullPage: true,
    ...(keep ? { path: path.join(imagesDir, `console-${name}.png`) } : {}),
  });
  expect(image.byteLength).toBeGreaterThan(1000);
}
