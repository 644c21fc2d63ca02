/** A request the EventBridge API would refuse as a whole (HTTP 400 ValidationException). */
export class EventBridgeValidationError extends Error {
  override readonly name = "EventBridgeValidationError";
  readonly awsErrorType = "ValidationException";
  readonly retryable = false;
}

/** The bus was asked to work after `stop()`; create a new bus (same dataDir) to continue. */
export class EventBusStoppedError extends Error {
  override readonly name = "EventBusStoppedError";
  readonly retryable = false;
  constructor(busName: string) {
    super(`Event bus ${busName} is stopped; create a new bus with the same dataDir to continue.`);
  }
}

/** A named resource (event bus, rule) that this local endpoint does not know. */
export class EventBridgeResourceNotFoundError extends Error {
  override readonly name = "EventBridgeResourceNotFoundError";
  readonly awsErrorType = "ResourceNotFoundException";
  readonly retryable = false;
}
