export {
  busDataDirectory,
  type LocalEndpoints,
  LocalResourceNames,
  localEnvironment,
  objectsDirectory,
  profileObjectFile,
  storageEnvironment,
  toDotEnv,
} from "./environment";
export { type HomeStorage, openHomeStorage } from "./home-storage";
export { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from "./runtime";
