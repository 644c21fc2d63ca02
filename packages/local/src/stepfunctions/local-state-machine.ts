import { DossierError } from "@dossier/events";
import "../polyfills";
import type { PutEventsRequestEntry, PutEventsResponse } from "@aws-sdk/client-eventbridge";
import { PutEventsResource, type StateMachineDefinition, taskStates } from "@dossier/core/workflows";
import { StateMachine } from "aws-local-stepfunctions";

type JsonValue = Parameters<StateMachine["run"]>[0];

/** A Lambda function body as the local runtime calls it: the payload in, the result out. */
export type LocalFunction = (payload: unknown) => Promise<unknown>;

export interface LocalStateMachineOptions {
  name: string;
  definition: StateMachineDefinition;
  /** Resolves a Task's Lambda ARN to the local handler of that function. */
  resolveFunction: (functionArn: string) => LocalFunction | undefined;
  /** Where `arn:aws:states:::events:putEvents` tasks publish: the local bus. */
  putEvents: (entries: PutEventsRequestEntry[]) => Promise<PutEventsResponse>;
  /** Retry waits in milliseconds per state name, for tests that must not sleep for seconds. */
  retryIntervalOverrides?: Record<string, number>;
}

export interface ExecutionRecord {
  executionArn: string;
  status: "RUNNING" | "SUCCEEDED" | "FAILED";
  startedAt: Date;
  stoppedAt?: Date;
  error?: string;
  output?: unknown;
}

/** Thrown when a definition names a Lambda function the runtime has no handler for. */
export class UnknownTaskResourceError extends DossierError {
  constructor(stateMachine: string, stateName: string, resource: string) {
    super(
      `state machine ${stateMachine}: Task state ${stateName} calls ${resource}, which has no local handler`,
      { retryable: false },
    );
  }
}

function normalisePutEventsEntry(entry: Record<string, unknown>): PutEventsRequestEntry {
  // Step Functions lets Detail be a JSON object; the PutEvents API wants a string.
  const detail = entry.Detail;
  return {
    ...entry,
    Detail: typeof detail === "string" ? detail : JSON.stringify(detail),
  } as PutEventsRequestEntry;
}

/**
 * An Express state machine on aws-local-stepfunctions running the same JSONPath definition the
 * stacks deploy. Task states are bound once, by state name, to the local handlers.
 */
export class LocalStateMachine {
  readonly name: string;
  readonly arn: string;
  private readonly machine: StateMachine;
  private readonly handlers: Record<string, (input: JsonValue) => Promise<JsonValue>> = {};
  private readonly retryIntervalOverrides: Record<string, number>;
  private readonly running = new Set<Promise<unknown>>();
  private executionCount = 0;

  constructor(options: LocalStateMachineOptions) {
    this.name = options.name;
    this.arn = `arn:aws:states:us-east-1:000000000000:stateMachine:${options.name}`;
    this.retryIntervalOverrides = options.retryIntervalOverrides ?? {};
    this.machine = new StateMachine(options.definition as never, {
      validationOptions: { checkArn: true, checkPaths: true },
    });
    for (const { stateName, state } of taskStates(options.definition)) {
      const resource = String(state.Resource);
      if (resource === PutEventsResource) {
        this.handlers[stateName] = async (input) => {
          const entries = ((input as { Entries?: Record<string, unknown>[] }).Entries ?? []).map(
            normalisePutEventsEntry,
          );
          const response = await options.putEvents(entries);
          return {
            Entries: response.Entries ?? [],
            FailedEntryCount: response.FailedEntryCount ?? 0,
          } as unknown as JsonValue;
        };
        continue;
      }
      const handler = options.resolveFunction(resource);
      if (!handler) throw new UnknownTaskResourceError(options.name, stateName, resource);
      this.handlers[stateName] = async (input) => (await handler(input)) as JsonValue;
    }
  }

  /** Runs one execution to its end. Failures are recorded, not thrown, as StartExecution would. */
  async execute(input: unknown): Promise<ExecutionRecord> {
    this.executionCount += 1;
    const record: ExecutionRecord = {
      executionArn: `${this.arn.replace(":stateMachine:", ":express:")}:${Date.now()}-${this.executionCount}`,
      status: "RUNNING",
      startedAt: new Date(),
    };
    const execution = this.machine.run(input as JsonValue, {
      overrides: {
        taskResourceLocalHandlers: this.handlers,
        retryIntervalOverrides: this.retryIntervalOverrides,
      },
    });
    const settled = execution.result.then(
      (output) => {
        record.status = "SUCCEEDED";
        record.output = output;
      },
      (error: Error) => {
        record.status = "FAILED";
        // As on AWS, the execution's error is the failing state's: a Fail state's Error and Cause,
        // or the task's error, not the library's wrapper around it.
        const failure = error.cause instanceof Error ? error.cause : error;
        record.error = `${failure.name}: ${failure.message}`;
      },
    );
    this.running.add(settled);
    try {
      await settled;
    } finally {
      this.running.delete(settled);
      record.stoppedAt = new Date();
    }
    return record;
  }

  get inFlight(): number {
    return this.running.size;
  }
}
