export { createConsoleApp } from "./app";
export { localOperations } from "./local";
export { type ConsoleOptions, type RunningConsole, startConsole } from "./server";
export {
  type AwsSourceOptions,
  awsSources,
  type ConsoleOperations,
  type ConsoleSources,
  type DeadLetterView,
  localSources,
} from "./sources";
