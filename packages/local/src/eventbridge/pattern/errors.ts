import { DossierError } from "@dossier/events";
/**
 * The pattern is not a valid EventBridge event pattern. The message follows the wording of the
 * `InvalidEventPatternException` that PutRule and TestEventPattern return, so it can be shown as is.
 */
export class InvalidEventPatternError extends DossierError {
  readonly awsErrorType = "InvalidEventPatternException";
  /** The same pattern is refused every time: fix the pattern rather than retrying. */
  /** The rule violated, without the "Event pattern is not valid" preamble. */
  readonly reason: string;

  constructor(reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`, { retryable: false });
    this.reason = reason;
  }
}

/** The event given to TestEventPattern is not JSON, not an object, or lacks a required envelope field. */
export class InvalidEventError extends DossierError {
  readonly awsErrorType = "ValidationException";
  readonly reason: string;

  constructor(reason: string) {
    super(`Parameter Event is not valid. Reason: ${reason}`, { retryable: false });
    this.reason = reason;
  }
}
