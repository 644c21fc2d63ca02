import { DossierError } from "@dossier/events";
/** A schedule expression AWS EventBridge Scheduler would reject; never worth retrying. */
export class InvalidScheduleExpressionError extends DossierError {
  constructor(
    readonly expression: string,
    reason: string,
  ) {
    super(`Invalid schedule expression "${expression}": ${reason}`, { retryable: false });
  }
}

/** A time zone that is not an IANA name this runtime knows; never worth retrying. */
export class InvalidTimezoneError extends DossierError {
  constructor(readonly timezone: string) {
    super(
      `Unknown time zone "${timezone}": use an IANA name such as "UTC", "America/New_York" or "Europe/Paris"`,
      { retryable: false },
    );
  }
}

/** Options to nextFireTimes that cannot describe a schedule (missing anchor, bad count, bad dates). */
export class InvalidScheduleOptionsError extends DossierError {
  constructor(reason: string) {
    super(`Invalid schedule options: ${reason}`, { retryable: false });
  }
}
