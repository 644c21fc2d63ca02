export {
  createLocalEventBus,
  LocalEventBus,
  type LocalEventBusOptions,
  type ReplayRequest,
  type ReplayResult,
} from "./bus";
export type { RedriveResult } from "./dispatcher";
export { entrySize, MAX_ENTRIES_PER_CALL, MAX_ENTRY_BYTES } from "./envelope";
export {
  EventBridgeResourceNotFoundError,
  EventBridgeValidationError,
  EventBusStoppedError,
  PermanentDeliveryError,
} from "./errors";
export { EventJournalCorruptError, journalPath, readDeadLetters } from "./file-journal";
export { createInstantClock, type InstantClock } from "./instant-clock";
export { DEFAULT_RETRY_POLICY, retryDelayMs } from "./retry-policy";
export { type EventBridgeServer, type EventBridgeServerOptions, startEventBridgeServer } from "./server";
export {
  renderTargetInput,
  type TargetInput,
  type TargetInputContext,
  TargetInputError,
  validateTargetInput,
} from "./target-input";
export type * from "./types";
