import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { compilePattern } from "@dossier/local/eventbridge/pattern";
import ServerlessOfflineAwsEventbridge from "serverless-offline-aws-eventbridge";
import { round } from "../stats";

export interface MatcherComparisonOptions {
  /** Each matcher evaluates every case over and over for at least this long. */
  minDurationMs: number;
}

interface ConformanceCase {
  id: string;
  pattern: Record<string, unknown>;
  event: Record<string, unknown>;
  matches: boolean;
  eventbridge: boolean;
}

export interface MatcherResult {
  /** Cases whose outcome is the one event-ruler asserts. */
  agreed: number;
  /** Cases the matcher refused or threw on (counted as disagreeing). */
  errors: number;
  agreement: number;
  evaluationsPerSecond: number;
}

export type MatcherComparisonMeasurement =
  | { ran: false; reason: string }
  | {
      ran: true;
      cases: number;
      dossier: MatcherResult;
      serverlessOffline: MatcherResult;
      /** dossier's evaluations per second over serverless-offline-aws-eventbridge's. */
      speedRatio: number;
    };

/** The shared event-ruler cases beside the checkout (read at run time, never copied). */
const casesFile = path.resolve(
  import.meta.dirname,
  "../../../shared/conformance/event-patterns.event-ruler.json",
);

type Matcher = (testCase: ConformanceCase) => boolean;

/**
 * serverless-offline-aws-eventbridge's own matching, as its plugin runs it for each subscriber:
 * `verifyIsSubscribed` on a PutEvents entry. The plugin's constructor wants a Serverless
 * instance, so the method runs on an object with the plugin's prototype and no server.
 */
function serverlessOfflineMatcher(): Matcher {
  const plugin = Object.assign(Object.create(ServerlessOfflineAwsEventbridge.prototype), {
    logDebug: () => undefined,
    eventBuses: {},
  }) as { verifyIsSubscribed(subscriber: unknown, entry: unknown): boolean };
  const entries = new Map<ConformanceCase, unknown>();
  return (testCase) => {
    let entry = entries.get(testCase);
    if (!entry) {
      // Its input is a PutEvents entry, whose Detail is a string; built once per case, as a bus receives it once.
      entry = {
        Source: testCase.event.source,
        DetailType: testCase.event["detail-type"],
        Detail: JSON.stringify(testCase.event.detail ?? {}),
      };
      entries.set(testCase, entry);
    }
    return plugin.verifyIsSubscribed({ event: { pattern: testCase.pattern } }, entry);
  };
}

/** dossier's matcher as the bus uses it: each rule's pattern compiled once, then evaluated per event. */
function dossierMatcher(): Matcher {
  const compiled = new Map<ConformanceCase, ReturnType<typeof compilePattern>>();
  return (testCase) => {
    let pattern = compiled.get(testCase);
    if (!pattern) {
      pattern = compilePattern(testCase.pattern);
      compiled.set(testCase, pattern);
    }
    return pattern.matches(testCase.event);
  };
}

function measure(matcher: Matcher, cases: ConformanceCase[], minDurationMs: number): MatcherResult {
  let agreed = 0;
  let errors = 0;
  const usable: ConformanceCase[] = [];
  for (const testCase of cases) {
    try {
      if (matcher(testCase) === testCase.matches) agreed += 1;
      usable.push(testCase);
    } catch {
      errors += 1;
    }
  }
  // Throughput over the cases the matcher can evaluate at all, every one of them per pass.
  let evaluations = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < minDurationMs) {
    for (const testCase of usable) matcher(testCase);
    evaluations += usable.length;
    elapsed = performance.now() - started;
  }
  return {
    agreed,
    errors,
    agreement: round(agreed / cases.length, 4),
    evaluationsPerSecond: Math.round(evaluations / (elapsed / 1000)),
  };
}

/**
 * dossier's pattern matcher beside serverless-offline-aws-eventbridge's on the event-ruler cases
 * EventBridge documents: how often each gives the outcome AWS's engine asserts, and how fast.
 */
export async function measureMatcherComparison(
  options: MatcherComparisonOptions,
): Promise<MatcherComparisonMeasurement> {
  if (!existsSync(casesFile)) return { ran: false, reason: `no shared cases at ${casesFile}` };
  const { cases } = JSON.parse(readFileSync(casesFile, "utf8")) as { cases: ConformanceCase[] };
  const documented = cases.filter((testCase) => testCase.eventbridge);
  const dossier = measure(dossierMatcher(), documented, options.minDurationMs);
  const serverlessOffline = measure(serverlessOfflineMatcher(), documented, options.minDurationMs);
  return {
    ran: true,
    cases: documented.length,
    dossier,
    serverlessOffline,
    speedRatio: round(dossier.evaluationsPerSecond / serverlessOffline.evaluationsPerSecond, 1),
  };
}
