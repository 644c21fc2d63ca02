import { DossierError } from "@dossier/events";
/** A request the EventBridge API would refuse as a whole (HTTP 400 ValidationException). */
export class EventBridgeValidationError extends DossierError {
  constructor(message: string) {
    super(message, { retryable: false });
  }
  readonly awsErrorType = "ValidationException";
}

/** The bus was asked to work after `stop()`; create a new bus (same dataDir) to continue. */
export class EventBusStoppedError extends DossierError {
  constructor(busName: string) {
    super(`Event bus ${busName} is stopped; create a new bus with the same dataDir to continue.`, {
      retryable: false,
    });
  }
}

/** A named resource (event bus, rule) that this local endpoint does not know. */
export class EventBridgeResourceNotFoundError extends DossierError {
  constructor(message: string) {
    super(message, { retryable: false });
  }
  readonly awsErrorType = "ResourceNotFoundException";
}
