import { deployConfig, serviceName } from "./config";
import { dashboardBody } from "./dashboard-spec";
import { functionFailures } from "./functions";
import { notificationDeadLetters } from "./notifications";
import { sweepDeadLetters } from "./schedules";
import { subscriptions } from "./subscriptions";
import { workflows } from "./workflows";

/** The pipeline at a glance for operators: outcomes, durations, cache, errors, dead letters, Express failures. */
export const dashboard = new aws.cloudwatch.Dashboard("Dashboard", {
  dashboardName: `dossier-${$app.stage}`,
  dashboardBody: $util
    .all([
      aws.getRegionOutput().region,
      $util.all([
        functionFailures.name,
        sweepDeadLetters.name,
        notificationDeadLetters.name,
        ...Object.values(subscriptions).map(({ deadLetterQueue }) => deadLetterQueue.name),
      ]),
      $util.all(Object.values(workflows).map(({ stateMachine }) => stateMachine.arn)),
    ])
    .apply(([region, deadLetterQueueNames, stateMachineArns]) =>
      JSON.stringify(
        dashboardBody({
          service: serviceName($app.stage),
          region,
          secMaxRps: deployConfig().secMaxRps,
          deadLetterQueueNames,
          stateMachineArns,
        }),
      ),
    ),
});
