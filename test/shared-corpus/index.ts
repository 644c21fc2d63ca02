import { existsSync } from "node:fs";
import path from "node:path";
import { describe } from "vitest";

export { recordedToolResponse } from "./bedrock-cassette";
export {
  type EdgarFixtureServer,
  type EdgarFixtureServerOptions,
  startEdgarFixtureServer,
} from "./edgar-fixture-server";

/** The checkout's root. */
const repoRoot = path.resolve(import.meta.dirname, "..", "..");

/**
 * The shared public corpus beside the checkout (`../shared/corpus`: real EDGAR responses, filings,
 * leadership pages with ground truth), read at run time and never copied into the project.
 */
export const corpusDir = path.resolve(repoRoot, "..", "shared", "corpus");

/** EventBridge pattern cases beside the checkout (`../shared/conformance`). */
export const conformanceDir = path.resolve(repoRoot, "..", "shared", "conformance");

/** Hand-written SEC fixtures of this repository. */
export const secFixturesDir = path.resolve(repoRoot, "test", "fixtures", "sec");

/**
 * Whether `../shared` is there. A clone on its own has no `../shared`: the project's own fixtures
 * cover behaviour, and the measurements on the real corpus run only where it exists (always in
 * CI, whose script requires it). The run's first lines say which (test/shared-corpus/report.ts).
 */
export const sharedAvailable = existsSync(corpusDir) && existsSync(conformanceDir);

/**
 * A suite that measures dossier on the shared corpus: it runs when `../shared` is present and is
 * reported as not run otherwise, never failed for a file the clone cannot have.
 */
export const describeOnSharedCorpus = describe.skipIf(!sharedAvailable);
