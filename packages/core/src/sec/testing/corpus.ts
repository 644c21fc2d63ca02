import path from "node:path";

/** The shared public corpus beside the checkout (`../shared/corpus`); read at run time, never copied. */
export const corpusDir = path.resolve(import.meta.dirname, "../../../../../../shared/corpus");

/** Hand-written SEC fixtures of this repository (`test/fixtures/sec`). */
export const secFixturesDir = path.resolve(import.meta.dirname, "../../../../../test/fixtures/sec");
