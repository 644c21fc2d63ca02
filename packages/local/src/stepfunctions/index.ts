export {
  type ExecutionRecord,
  type LocalFunction,
  LocalStateMachine,
  type LocalStateMachineOptions,
  UnknownTaskResourceError,
} from "./local-state-machine";
