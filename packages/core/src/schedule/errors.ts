/** A schedule expression AWS EventBridge Scheduler would reject; never worth retrying. */
export class InvalidScheduleExpressionError extends Error {
  readonly retryable = false;

  constructor(
    readonly expression: string,
    reason: string,
  ) {
    super(`Invalid schedule expression "${expression}": ${reason}`);
    this.name = "InvalidScheduleExpressionError";
  }
}

/** A time zone that is not an IANA name this runtime knows; never worth retrying. */
export class InvalidTimezoneError extends Error {
  readonly retryable = false;

  constructor(readonly timezone: string) {
    super(
      `Unknown time zone "${timezone}": use an IANA name such as "UTC", "America/New_York" or "Europe/Paris"`,
    );
    this.name = "InvalidTimezoneError";
  }
}

/** Options to nextFireTimes that cannot describe a schedule (missing anchor, bad count, bad dates). */
export class InvalidScheduleOptionsError extends Error {
  readonly retryable = false;

  constructor(reason: string) {
    super(`Invalid schedule options: ${reason}`);
    this.name = "InvalidScheduleOptionsError";
  }
}
