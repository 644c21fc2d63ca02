import { browserTestsRun, findChromium } from "../console/chromium";
import { corpusDir, sharedAvailable } from "./index";

/**
 * Says at the start of every test run whether the measurements on the shared corpus and the
 * console's browser tests run. In CI (CI=true) both are required: a run that could not measure
 * or drive a browser must not pass silently.
 */
export default function reportSharedCorpus(): void {
  // Every test project runs the global setup (each with its own copy of this module): say it once.
  if (process.env.DOSSIER_TEST_CORPUS_REPORTED) return;
  process.env.DOSSIER_TEST_CORPUS_REPORTED = "1";
  process.stdout.write(
    browserTestsRun
      ? `browser tests: run in ${findChromium() ?? "chromium (required in CI)"}\n`
      : "browser tests: NOT run, no chromium found (apt-get install chromium, or set CHROMIUM_PATH)\n",
  );
  if (sharedAvailable) {
    process.stdout.write(`shared corpus: ${corpusDir} found; the measurements on real documents run\n`);
    return;
  }
  if (process.env.CI === "true") {
    throw new Error(`CI needs the shared corpus at ${corpusDir}; it is not there`);
  }
  process.stdout.write(
    `shared corpus: not found at ${corpusDir}; the measurements on real documents were NOT run (the project's own fixtures cover behaviour)\n`,
  );
}
