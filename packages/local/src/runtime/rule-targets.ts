import {
  AsyncInvocationPolicy,
  type FunctionName,
  FunctionNames,
  type StateMachineName,
  StateMachineNames,
  wiredRules,
} from "@dossier/core/topology";
import { Workflows } from "@dossier/core/workflows";
import { FunctionCatalogue } from "@dossier/functions/catalogue";
import type { LocalEventBus } from "../eventbridge";
import { LocalStateMachine } from "../stepfunctions";
import { ConcurrencyLimit } from "./concurrency";
import { LocalResourceNames } from "./environment";
import type { HandlerThread } from "./handler-thread";

/** Invokes a deployed handler by name, within its reserved concurrency. */
export type FunctionInvoker = (name: FunctionName, payload: unknown) => Promise<unknown>;

/** The ARN a local function answers to; the workflows' Lambda tasks name functions by it. */
export function functionArn(name: FunctionName): string {
  return `arn:aws:lambda:us-east-1:000000000000:function:dossier-${name}`;
}

/**
 * The handlers behind their concurrency limits: each function's reserved concurrency from the
 * catalogue, and for the two extractors the number of companies worked on at once, when given.
 */
export function createFunctionInvoker(
  handlers: HandlerThread,
  extractorConcurrency?: number,
): FunctionInvoker {
  const limits = new Map<FunctionName, ConcurrencyLimit>();
  for (const name of FunctionNames) {
    const isExtractor = name === "secExtractor" || name === "leadershipExtractor";
    const reserved =
      (isExtractor ? extractorConcurrency : undefined) ?? FunctionCatalogue[name].reservedConcurrency;
    if (reserved) limits.set(name, new ConcurrencyLimit(reserved));
  }
  return (name, payload) => {
    const run = () => handlers.invoke(name, functionArn(name), payload);
    const limit = limits.get(name);
    return limit ? limit.run(run) : run();
  };
}

export type LocalStateMachines = Partial<Record<StateMachineName, LocalStateMachine>>;

/** The shared Express workflows on aws-local-stepfunctions: Lambda tasks call the handlers, PutEvents the bus. */
export function createStateMachines(invoke: FunctionInvoker, bus: LocalEventBus): LocalStateMachines {
  const byArn = new Map(FunctionNames.map((name) => [functionArn(name), name]));
  return Object.fromEntries(
    StateMachineNames.map((name) => [
      name,
      new LocalStateMachine({
        name: `dossier-${name}`,
        definition: Workflows[name]({ functionArn, busName: LocalResourceNames.bus }),
        resolveFunction: (arn) => {
          const fn = byArn.get(arn);
          return fn ? (payload: unknown) => invoke(fn, payload) : undefined;
        },
        putEvents: async (entries) => bus.putEvents(entries) as never,
      }),
    ]),
  );
}

/** How rule targets reach their function or workflow. */
export interface RuleWiring {
  invoke: FunctionInvoker;
  stateMachines: LocalStateMachines;
  /** Deliveries of every event to each target, at once (at-least-once at its worst, for tests). */
  deliveriesPerEvent: number;
  onTargetError: ((rule: string, error: unknown) => void) | undefined;
}

/** Puts every shared rule on the bus, each with its target wired as AWS wires it. */
export function subscribeRules(bus: LocalEventBus, wiring: RuleWiring): void {
  for (const rule of wiredRules) {
    bus.putRule({
      name: rule.name,
      eventPattern: rule.eventPattern,
      targets: [
        {
          id: rule.target.name,
          // As on AWS: EventBridge invokes a function asynchronously, so a handler error is
          // retried by Lambda (twice) and then goes to the function's on-failure destination;
          // the rule's own retry policy covers only an invocation that cannot be made, which the
          // embedded runtime never refuses. A state machine's StartExecution keeps the rule's.
          ...(rule.target.kind === "function"
            ? {
                retryPolicy: AsyncInvocationPolicy,
                failureDestination: "function on-failure destination" as const,
              }
            : { retryPolicy: rule.retryPolicy }),
          invoke: async (event) => {
            const deliver = async () => {
              if (rule.target.kind === "function") {
                await wiring.invoke(rule.target.name, event);
                return;
              }
              // Like StartExecution of an Express workflow: delivered once started; a failed
              // execution does not redeliver the event (it ends the run through its Catch).
              await wiring.stateMachines[rule.target.name]?.execute(event);
            };
            try {
              await Promise.all(Array.from({ length: wiring.deliveriesPerEvent }, deliver));
            } catch (error) {
              wiring.onTargetError?.(rule.name, error);
              throw error;
            }
          },
        },
      ],
    });
  }
}
