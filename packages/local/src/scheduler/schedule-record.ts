/** A schedule as the local runtime stores it (the lead backs it with the `Schedule` entity). */
export interface ScheduleRecord {
  readonly name: string;
  /** `cron(...)`, `rate(...)` or `at(...)`, as for EventBridge Scheduler. */
  readonly expression: string;
  /** IANA zone the expression is read in. */
  readonly timezone: string;
  readonly enabled: boolean;
  /** When the schedule was created: rate() counts from here unless `startDate` is set. */
  readonly createdAt: Date;
  /** The scheduled time of the last occurrence fired. */
  readonly lastFiredAt?: Date;
  readonly startDate?: Date;
  readonly endDate?: Date;
}
