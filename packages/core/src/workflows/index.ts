export {
  lambdaTaskRetry,
  PutEventsResource,
  publishEventTask,
  putEventsRetry,
  type StateMachineDefinition,
  taskStates,
  type WorkflowBindings,
} from "./asl";
export { BatchFanOutConcurrency, batchFanOutDefinition } from "./batch-fan-out";
export { progressiveMergeDefinition } from "./progressive-merge";

import type { StateMachineName } from "../topology";
import type { StateMachineDefinition, WorkflowBindings } from "./asl";
import { batchFanOutDefinition } from "./batch-fan-out";
import { progressiveMergeDefinition } from "./progressive-merge";

/** Every workflow by its logical name, so stacks and the local runtime iterate one list. */
export const Workflows: Record<StateMachineName, (bindings: WorkflowBindings) => StateMachineDefinition> = {
  progressiveMerge: progressiveMergeDefinition,
  batchFanOut: batchFanOutDefinition,
};
