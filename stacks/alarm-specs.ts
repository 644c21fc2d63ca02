// The alarms as plain data (CloudWatch PutMetricAlarm fields in Pulumi's casing), so tests can
// check them against the metrics the handlers emit. No SST globals here.
import { ExtractionFailed, ProfileCompleted, ProfileIncomplete, terminalMetricName } from "@dossier/events";
import { MetricsNamespace } from "./config";

export interface MetricQuerySpec {
  id: string;
  expression?: string;
  label?: string;
  returnData?: boolean;
  metric?: {
    namespace: string;
    metricName: string;
    dimensions: Record<string, string>;
    period: number;
    stat: string;
  };
}

export interface AlarmSpec<Value = string> {
  description: string;
  comparisonOperator:
    | "GreaterThanThreshold"
    | "GreaterThanOrEqualToThreshold"
    | "LessThanThreshold"
    | "LessThanOrEqualToThreshold";
  threshold: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  /** No data means nothing happened (no runs, no messages): that is not an alarm. */
  treatMissingData: "notBreaching";
  namespace?: string;
  metricName?: string;
  dimensions?: Record<string, Value>;
  period?: number;
  statistic?: "Sum" | "Average" | "Maximum";
  metricQueries?: MetricQuerySpec[];
}

export { terminalMetricName };

/** The alarms on dossier's own Powertools metrics for one stage (`service` = the stage's service name). */
export function pipelineAlarmSpecs(
  service: string,
): Record<"failedRunRate" | "completenessDrop" | "circuitOpened" | "terminalEventsRepublished", AlarmSpec> {
  const dimensions = { service };
  /** Alarms on the first count of a metric within one period. */
  const firstOccurrence = (description: string, metricName: string, period: number): AlarmSpec => ({
    description,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    threshold: 1,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: "notBreaching",
    namespace: MetricsNamespace,
    metricName,
    dimensions,
    period,
    statistic: "Sum",
  });
  const sum = (id: string, metricName: string): MetricQuerySpec => ({
    id,
    returnData: false,
    metric: { namespace: MetricsNamespace, metricName, dimensions, period: 300, stat: "Sum" },
  });
  return {
    failedRunRate: {
      description:
        "More than 10% of the runs that ended in 5 minutes ended as Extraction.Failed (2 of 3 periods).",
      comparisonOperator: "GreaterThanThreshold",
      threshold: 10,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: "notBreaching",
      metricQueries: [
        sum("failed", terminalMetricName(ExtractionFailed.detailType)),
        sum("completed", terminalMetricName(ProfileCompleted.detailType)),
        sum("incomplete", terminalMetricName(ProfileIncomplete.detailType)),
        {
          id: "failedRate",
          label: "Failed runs (%)",
          returnData: true,
          // FILL keeps a period with failures but no completions from dividing by missing data.
          expression: "100 * FILL(failed, 0) / (FILL(failed, 0) + FILL(completed, 0) + FILL(incomplete, 0))",
        },
      ],
    },
    completenessDrop: {
      description: "Average completeness of finished profiles fell below 80% over 30 minutes.",
      comparisonOperator: "LessThanThreshold",
      threshold: 80,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: "notBreaching",
      namespace: MetricsNamespace,
      metricName: "ProfileCompleteness",
      dimensions,
      period: 900,
      statistic: "Average",
    },
    circuitOpened: firstOccurrence(
      "A circuit breaker opened: an upstream (SEC or a website host) keeps failing.",
      "CircuitOpened",
      60,
    ),
    terminalEventsRepublished: firstOccurrence(
      "The sweep published a terminal event a merge had claimed but not sent: a merge died mid-way (see its execution).",
      "TerminalEventsRepublished",
      300,
    ),
  };
}

/** Any message in a dead-letter queue is an event (or invocation) the pipeline gave up on. */
export function deadLetterAlarmSpec<Name = string>(queueName: Name, what: string): AlarmSpec<Name> {
  return {
    description: `${what} dead-lettered at least one message: inspect the queue (QueueName dimension) and redrive it.`,
    comparisonOperator: "GreaterThanThreshold",
    threshold: 0,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: "notBreaching",
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: queueName },
    period: 60,
    statistic: "Maximum",
  };
}
