import { DossierError } from "@dossier/events";
/** A request the EventBridge API would refuse as a whole (HTTP 400 ValidationException). */
export class EventBridgeValidationError extends DossierError {
  constructor(message: string) {
    super(message, { retryable: false });
  }
  readonly awsErrorType = "ValidationException";
}

/**
 * A delivery the target refused for good (an API destination answering 400, 403, 404…): EventBridge
 * does not retry it, and it goes to the dead-letter queue at once.
 */
export class PermanentDeliveryError extends DossierError {
  constructor(message: string) {
    super(message, { retryable: false });
  }
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
