export { type LocalEndpoints, LocalResourceNames, localEnvironment, toDotEnv } from "./environment";
export { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from "./runtime";
