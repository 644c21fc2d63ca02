import { ExtractionPartCompleted, ExtractionRequested, Sources } from "@dossier/events";
import { compilePattern } from "@dossier/local/eventbridge/pattern";
import { round } from "../stats";

export interface PatternEvaluationOptions {
  /** Keep evaluating until at least this much time has passed. */
  minDurationMs: number;
}

export interface PatternEvaluationMeasurement {
  evaluations: number;
  matched: number;
  elapsedMs: number;
  evaluationsPerSecond: number;
}

/** The progressive-merge rule's pattern: three fields, one of them nested. */
export const threeFieldPattern = {
  source: [Sources.sec],
  "detail-type": [ExtractionPartCompleted.detailType],
  detail: { status: ["succeeded"] },
};

function envelope(source: string, detailType: string, status: string, index: number) {
  return {
    version: "0",
    id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
    "detail-type": detailType,
    source,
    account: "000000000000",
    time: "2026-01-01T00:00:00Z",
    region: "us-east-1",
    resources: [],
    detail: { runId: `run-${index}`, companyId: "cik-0009900001", status, cached: false, durationMs: 12 },
  };
}

const kinds: [source: string, detailType: string, status: string][] = [
  [Sources.sec, ExtractionPartCompleted.detailType, "succeeded"],
  [Sources.sec, ExtractionPartCompleted.detailType, "succeeded"],
  [Sources.sec, ExtractionPartCompleted.detailType, "succeeded"],
  [Sources.sec, ExtractionPartCompleted.detailType, "failed"],
  [Sources.leadership, ExtractionPartCompleted.detailType, "succeeded"],
  [Sources.sec, ExtractionRequested.detailType, "succeeded"],
];

/**
 * 600 distinct events: half match, the rest fail on the first, second or nested field, as live
 * traffic would.
 */
export const patternEventMix = Array.from({ length: 100 }, (_, round) =>
  kinds.map(([source, detailType, status], kind) =>
    envelope(source, detailType, status, round * kinds.length + kind),
  ),
).flat();
const matchingEvents = patternEventMix.filter(
  (event) =>
    event.source === Sources.sec &&
    event["detail-type"] === ExtractionPartCompleted.detailType &&
    event.detail.status === "succeeded",
).length;

/**
 * Evaluates the compiled pattern over the event mix on this thread until `minDurationMs` has
 * passed. The match count is checked, so a matcher that stops working cannot look fast.
 */
export function measurePatternEvaluations(options: PatternEvaluationOptions): PatternEvaluationMeasurement {
  const pattern = compilePattern(threeFieldPattern);
  const chunkRounds = 100;
  let evaluations = 0;
  let matched = 0;
  const started = performance.now();
  let elapsedMs = 0;
  while (elapsedMs < options.minDurationMs) {
    for (let round = 0; round < chunkRounds; round++) {
      for (const event of patternEventMix) if (pattern.matches(event)) matched++;
    }
    evaluations += chunkRounds * patternEventMix.length;
    elapsedMs = performance.now() - started;
  }
  const expected = (evaluations / patternEventMix.length) * matchingEvents;
  if (matched !== expected) {
    throw new Error(
      `the pattern matched ${matched} events where ${expected} should match; the matcher is wrong`,
    );
  }
  return {
    evaluations,
    matched,
    elapsedMs: round(elapsedMs),
    evaluationsPerSecond: Math.round(evaluations / (elapsedMs / 1000)),
  };
}
