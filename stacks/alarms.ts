import { type AlarmSpec, deadLetterAlarmSpec, pipelineAlarmSpecs } from "./alarm-specs";
import { deployConfig, serviceName } from "./config";
import { functionFailures } from "./functions";
import { componentName } from "./handlers";
import { notificationDeadLetters } from "./notifications";
import { sweepDeadLetters } from "./schedules";
import { subscriptions } from "./subscriptions";

/** Every alarm notifies this topic (`DOSSIER_ALARM_EMAIL` subscribes an address at deploy). */
export const alarmTopic = new sst.aws.SnsTopic("Alarms");

const alarmEmail = deployConfig().alarmEmail;
if (alarmEmail) {
  new aws.sns.TopicSubscription("AlarmsEmail", {
    topic: alarmTopic.arn,
    protocol: "email",
    endpoint: alarmEmail,
  });
}

function alarm(
  id: string,
  spec: AlarmSpec<string> | AlarmSpec<$util.Output<string>>,
): aws.cloudwatch.MetricAlarm {
  const { description, ...fields } = spec;
  return new aws.cloudwatch.MetricAlarm(id, {
    ...fields,
    alarmDescription: description,
    alarmActions: [alarmTopic.arn],
    okActions: [alarmTopic.arn],
  });
}

const pipeline = pipelineAlarmSpecs(serviceName($app.stage));

/** Alarms on the pipeline's own metrics and on every dead-letter queue. */
export const alarms = {
  failedRunRate: alarm("FailedRunRateAlarm", pipeline.failedRunRate),
  completenessDrop: alarm("CompletenessDropAlarm", pipeline.completenessDrop),
  circuitOpened: alarm("CircuitOpenedAlarm", pipeline.circuitOpened),
  terminalEventsRepublished: alarm("TerminalEventsRepublishedAlarm", pipeline.terminalEventsRepublished),
  functionFailures: alarm(
    "FunctionFailuresAlarm",
    deadLetterAlarmSpec(functionFailures.name, "An asynchronously invoked function"),
  ),
  notificationDeadLetters: alarm(
    "NotificationDeadLettersAlarm",
    deadLetterAlarmSpec(notificationDeadLetters.name, "A notification's webhook"),
  ),
  sweepDeadLetters: alarm(
    "StaleRunSweepDeadLettersAlarm",
    deadLetterAlarmSpec(sweepDeadLetters.name, "The stale-run sweep schedule"),
  ),
  ...Object.fromEntries(
    Object.entries(subscriptions).map(([key, { deadLetterQueue }]) => [
      `${key}DeadLetters`,
      alarm(
        `${componentName(key)}DeadLettersAlarm`,
        deadLetterAlarmSpec(deadLetterQueue.name, `The ${key} rule`),
      ),
    ]),
  ),
};
