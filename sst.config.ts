/// <reference path="./.sst/platform/config.d.ts" />

export default $config({
  app(input) {
    const production = input?.stage === "production" || input?.stage === "prod";
    return {
      name: "dossier",
      home: "aws",
      removal: production ? "retain" : "remove",
      protect: production,
    };
  },
  async run() {
    await import("./stacks/links");
    const storage = await import("./stacks/storage");
    const { bus, archive } = await import("./stacks/bus");
    const { functions, functionFailures } = await import("./stacks/functions");
    const { workflows } = await import("./stacks/workflows");
    const { subscriptions } = await import("./stacks/subscriptions");
    const schedules = await import("./stacks/schedules");
    const { notificationRole, notificationDeadLetters } = await import("./stacks/notifications");
    const { alarmTopic } = await import("./stacks/alarms");
    await import("./stacks/bus-policy");
    const { dashboard } = await import("./stacks/dashboard");

    return {
      stage: $app.stage,
      busName: bus.name,
      busArn: bus.arn,
      archiveName: archive.name,
      bucketName: storage.bucket.name,
      tableName: storage.table.name,
      progressiveMergeArn: workflows.progressiveMerge.stateMachine.arn,
      batchFanOutArn: workflows.batchFanOut.stateMachine.arn,
      progressiveMergeLiveAliasArn: workflows.progressiveMerge.alias.arn,
      batchFanOutLiveAliasArn: workflows.batchFanOut.alias.arn,
      deadLetterQueueUrls: $resolve(
        Object.fromEntries(Object.entries(subscriptions).map(([key, s]) => [key, s.deadLetterQueue.url])),
      ),
      functionFailuresQueueUrl: functionFailures.url,
      staleRunSweepDeadLettersQueueUrl: schedules.sweepDeadLetters.url,
      scheduleGroup: schedules.scheduleGroup.name,
      schedulerRoleArn: schedules.schedulerRole.arn,
      notificationRoleArn: notificationRole.arn,
      notificationDeadLetterArn: notificationDeadLetters.arn,
      alarmTopicArn: alarmTopic.arn,
      secExtractorName: functions.secExtractor.name,
      dashboardName: dashboard.dashboardName,
    };
  },
});
