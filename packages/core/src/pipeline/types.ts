import type { ExtractionPartCompleted, ExtractionRequested } from "@dossier/events";
import type { z } from "zod";

/** The detail of an `Extraction.Requested` as parsed (defaults applied). */
export type RequestedDetail = z.output<(typeof ExtractionRequested)["schema"]>;
/** The detail of an `Extraction.PartCompleted` as parsed. */
export type PartCompletedDetail = z.output<(typeof ExtractionPartCompleted)["schema"]>;
