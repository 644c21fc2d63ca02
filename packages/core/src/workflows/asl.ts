import type { FunctionName } from "../topology";

/** Minimal structural type of an Amazon States Language (JSONPath) definition. */
export interface StateMachineDefinition {
  Comment?: string;
  StartAt: string;
  TimeoutSeconds?: number;
  States: Record<string, Record<string, unknown>>;
}

/** Where a definition's tasks point: one ARN per function it calls and the bus it publishes to. */
export interface WorkflowBindings {
  functionArn: (name: FunctionName) => string;
  busName: string;
}

type KeysOfUnion<T> = T extends unknown ? keyof T : never;
type ValueAt<T, K> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

/**
 * The dotted paths into a state's shape (every member of a union counts; arrays and deeper than
 * three levels are not walked). Paths that read a task's output are typed with it, so changing
 * what a handler returns breaks the type-check of the ASL that reads it.
 */
export type DottedPath<T, Depth extends unknown[] = []> = Depth["length"] extends 3
  ? never
  : T extends readonly unknown[]
    ? never
    : T extends object
      ? {
          [K in KeysOfUnion<T> & string]:
            | K
            | `${K}.${DottedPath<NonNullable<ValueAt<T, K>>, [...Depth, unknown]>}`;
        }[KeysOfUnion<T> & string]
      : never;

/**
 * A JSONPath into the state of a workflow whose shape is `State`: `pathIn<MergeState>()("append.allIn")`
 * is "$.append.allIn", and a path that is not in `State` does not compile.
 */
export const pathIn =
  <State>() =>
  <Path extends DottedPath<State>>(path: Path): `$.${Path}` =>
    `$.${path}`;

/** The Step Functions optimised integration for EventBridge PutEvents. */
export const PutEventsResource = "arn:aws:states:::events:putEvents";

/**
 * Retry for Lambda tasks: transient Lambda service errors and task failures, with exponential
 * backoff and full jitter so a burst of merges does not retry in lockstep.
 */
export const lambdaTaskRetry = [
  {
    ErrorEquals: [
      "Lambda.ServiceException",
      "Lambda.AWSLambdaException",
      "Lambda.SdkClientException",
      "Lambda.TooManyRequestsException",
      "States.TaskFailed",
    ],
    IntervalSeconds: 1,
    MaxAttempts: 4,
    BackoffRate: 2,
    MaxDelaySeconds: 10,
    JitterStrategy: "FULL",
  },
];

export const putEventsRetry = [
  {
    ErrorEquals: ["States.ALL"],
    IntervalSeconds: 1,
    MaxAttempts: 5,
    BackoffRate: 2,
    MaxDelaySeconds: 10,
    JitterStrategy: "FULL",
  },
];

/** Every Task state of a definition, including those inside Map and Parallel states. */
export function taskStates(
  definition: StateMachineDefinition,
): { stateName: string; state: Record<string, unknown> }[] {
  const found: { stateName: string; state: Record<string, unknown> }[] = [];
  for (const [stateName, state] of Object.entries(definition.States)) {
    if (state.Type === "Task") found.push({ stateName, state });
    const processor = (state.ItemProcessor ?? state.Iterator) as StateMachineDefinition | undefined;
    if (processor) found.push(...taskStates(processor));
    for (const branch of (state.Branches as StateMachineDefinition[] | undefined) ?? []) {
      found.push(...taskStates(branch));
    }
  }
  return found;
}

/**
 * A Task that publishes one event with the EventBridge PutEvents integration. `detailType` is a
 * fixed detail-type or, when it starts with `$.`, a path to one in the state's input.
 */
export function publishEventTask(options: {
  busName: string;
  source: string;
  detailType: string;
  detailPath: string;
  next?: string;
}): Record<string, unknown> {
  const detailType = options.detailType.startsWith("$.")
    ? { "DetailType.$": options.detailType }
    : { DetailType: options.detailType };
  return {
    Type: "Task",
    Resource: PutEventsResource,
    Parameters: {
      Entries: [
        {
          EventBusName: options.busName,
          Source: options.source,
          ...detailType,
          "Detail.$": options.detailPath,
        },
      ],
    },
    ResultPath: null,
    Retry: putEventsRetry,
    ...(options.next ? { Next: options.next } : { End: true }),
  };
}
