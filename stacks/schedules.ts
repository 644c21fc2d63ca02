import { bus } from "./bus";
import { functions } from "./functions";
import { SweepFunction } from "./handlers";
import { assumeRolePolicy, schedulerPublishPolicy } from "./policies";

/** Sweep invocations Scheduler could not deliver to Lambda. */
export const sweepDeadLetters = new aws.sqs.Queue("StaleRunSweepDeadLetters", {
  messageRetentionSeconds: 14 * 24 * 3600,
  sqsManagedSseEnabled: true,
});

/** Ends runs that waited past their deadline, every minute, so no run is left without a terminal event. */
export const staleRunSweep = new sst.aws.CronV2("StaleRunSweepSchedule", {
  function: functions[SweepFunction],
  schedule: "rate(1 minute)",
  retries: 2,
  dlq: sweepDeadLetters.arn,
});

/** Where `dossier schedule create --target aws` puts its schedules; one group per stage. */
export const scheduleGroup = new aws.scheduler.ScheduleGroup("ScheduleGroup", {
  name: `dossier-${$app.stage}`,
});

/** The role those schedules run as: assumable only by Scheduler for this group, allowed only to publish to the bus. */
export const schedulerRole = new aws.iam.Role("SchedulerRole", {
  description: `EventBridge Scheduler publishes dossier ${$app.stage} requests to the bus`,
  assumeRolePolicy: scheduleGroup.arn.apply((groupArn) =>
    JSON.stringify(assumeRolePolicy("scheduler.amazonaws.com", groupArn)),
  ),
});

export const schedulerRolePolicy = new aws.iam.RolePolicy("SchedulerRolePolicy", {
  role: schedulerRole.id,
  policy: bus.arn.apply((busArn) => JSON.stringify(schedulerPublishPolicy(busArn))),
});
