// Which code each function runs and how it is invoked, mapped from the shared definitions.
// Pure: no SST globals, so tests resolve the same paths the stacks deploy.
import {
  AsyncInvocationPolicy,
  type FunctionName,
  FunctionNames,
  ruleTargetFunctions,
} from "@dossier/core/topology";
import { FunctionCatalogue } from "@dossier/functions/catalogue";

/** Where the handler modules live, relative to the repository root (SST resolves handlers from there). */
export const HandlersRoot = "packages/functions/src";

/** The `handler` SST bundles for a function: `<file without .ts>.<export>`. */
export function handlerPath(name: FunctionName): string {
  return `${HandlersRoot}/${FunctionCatalogue[name].module}.handler`;
}

/** The function the stale-run sweep schedule invokes every minute. */
export const SweepFunction: FunctionName = "staleRunSweep";

/**
 * Functions AWS invokes asynchronously: rule targets (EventBridge → Lambda is always async) and
 * the sweep (Scheduler → Lambda). A handler error there is retried by Lambda, not by the rule's
 * retry policy, so these get an on-failure queue. The rest are Step Functions tasks, invoked
 * synchronously and retried by the state machine.
 */
export function asyncInvokedFunctions(): FunctionName[] {
  const targets = new Set<FunctionName>([SweepFunction, ...ruleTargetFunctions()]);
  return FunctionNames.filter((name) => targets.has(name));
}

/** Lambda's own retries of a failed asynchronous invocation before it goes to the on-failure queue. */
export const AsyncRetries = AsyncInvocationPolicy.maximumRetryAttempts;

/** SST component names are PascalCase: `secExtractor` → `SecExtractor`. */
export function componentName(logicalName: string): string {
  return logicalName.charAt(0).toUpperCase() + logicalName.slice(1);
}

/**
 * The handlers that may call Bedrock when a model is configured: the website extractor's fallback
 * for pages, and the watchlist refresh's for 8-K Item 5.02 wording the patterns cannot read.
 */
export const BedrockFunctions: ReadonlySet<FunctionName> = new Set(["leadershipExtractor", "batchPrepare"]);
