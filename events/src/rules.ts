import {
  BatchRequested,
  ExtractionPartCompleted,
  ExtractionRequested,
  TerminalDetailTypes,
} from "./catalogue";
import { Sources } from "./sources";

export interface RuleDefinition {
  name: string;
  description: string;
  eventPattern: Record<string, unknown>;
}

/**
 * Every rule on the bus: which events it matches. Patterns are data so stacks, the local bus and
 * tests share them; where each rule delivers is deployment topology (`@dossier/core/topology`).
 */
export const Rules = {
  secExtractor: {
    name: "sec-extractor",
    description: "Requests that want the SEC part (or name no parts, meaning both) start the SEC extractor.",
    eventPattern: {
      "detail-type": [ExtractionRequested.detailType],
      $or: [{ detail: { parts: ["sec"] } }, { detail: { parts: [{ exists: false }] } }],
    },
  },
  leadershipExtractor: {
    name: "leadership-extractor",
    description:
      "Requests that want the leadership part (or name no parts, meaning both) start the leadership extractor.",
    eventPattern: {
      "detail-type": [ExtractionRequested.detailType],
      $or: [{ detail: { parts: ["leadership"] } }, { detail: { parts: [{ exists: false }] } }],
    },
  },
  runLedger: {
    name: "run-ledger",
    description:
      "Every request opens a run in the ledger with a deadline, so a silent part cannot strand it.",
    eventPattern: { "detail-type": [ExtractionRequested.detailType] },
  },
  progressiveMerge: {
    name: "progressive-merge",
    description:
      "Every part outcome is recorded in the run; a succeeded part is appended to the profile and, once all parts are in, the run is merged and ended.",
    eventPattern: {
      // Only dossier's extractors, and the ledger's sweep reporting a silent part, speak for a part.
      source: [Sources.sec, Sources.leadership, Sources.ledger],
      "detail-type": [ExtractionPartCompleted.detailType],
    },
  },
  batchFanOut: {
    name: "batch-fan-out",
    description: "A batch request fans out into one Extraction.Requested per company.",
    eventPattern: { "detail-type": [BatchRequested.detailType] },
  },
  batchLedger: {
    name: "batch-ledger",
    description: "Terminal events of runs in a batch are counted; the last one completes the batch.",
    eventPattern: {
      source: [Sources.merge, Sources.ledger],
      "detail-type": [...TerminalDetailTypes],
      detail: { batchId: [{ exists: true }] },
    },
  },
} as const satisfies Record<string, RuleDefinition>;
export type RuleKey = keyof typeof Rules;
