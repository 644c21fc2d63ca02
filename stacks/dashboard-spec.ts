// The operators' dashboard as plain data (the CloudWatch dashboard body), so tests can check it
// against the metrics the handlers emit and the queues and machines the stacks create. No SST globals.
import {
  ExtractionFailed,
  Part,
  ProfileCompleted,
  ProfileIncomplete,
  terminalMetricName,
} from "@dossier/events";
import { MetricsNamespace } from "./config";

/** The handlers' own metrics the dashboard reads (besides the terminal counts); a test checks each is emitted. */
export const DashboardMetrics = {
  partDuration: "PartDuration",
  cacheHit: "CacheHit",
  cacheMiss: "CacheMiss",
  profileCompleteness: "ProfileCompleteness",
  upstreamError: "UpstreamError",
  circuitOpened: "CircuitOpened",
  staleRunsEnded: "StaleRunsEnded",
} as const;

export interface DashboardInputs {
  /** Powertools `service` dimension of the stage. */
  service: string;
  region: string;
  /** SEC fair-access ceiling the extractors are configured with (requests per second). */
  secMaxRps: number;
  /** Every dead-letter queue of the stage, by queue name. */
  deadLetterQueueNames: string[];
  /** Every Express state machine of the stage, by ARN. */
  stateMachineArns: string[];
}

type MetricLine = (string | Record<string, unknown>)[];

interface Widget {
  type: "metric";
  x: number;
  y: number;
  width: number;
  height: number;
  properties: Record<string, unknown>;
}

const Width = 12;
const Height = 6;

/** The dashboard body: one widget per question an operator asks of a running pipeline. */
export function dashboardBody(inputs: DashboardInputs): { widgets: Widget[] } {
  const { service, region } = inputs;
  const own = (
    metricName: string,
    extra: Record<string, string> = {},
    options: Record<string, unknown> = {},
  ) => [MetricsNamespace, metricName, "service", service, ...Object.entries(extra).flat(), options];
  const panels: {
    title: string;
    metrics: MetricLine[];
    stat?: string;
    annotations?: unknown;
    yAxis?: unknown;
  }[] = [
    {
      title: "Runs by outcome",
      stat: "Sum",
      metrics: [ProfileCompleted, ProfileIncomplete, ExtractionFailed].map(({ detailType }) =>
        own(terminalMetricName(detailType), {}, { label: detailType }),
      ),
    },
    {
      title: "Part duration p50 / p95 (ms)",
      metrics: Part.options.flatMap((part) =>
        ["p50", "p95"].map((stat) =>
          own(DashboardMetrics.partDuration, { part }, { stat, label: `${part} ${stat}` }),
        ),
      ),
    },
    {
      title: "Cache hit rate (%)",
      stat: "Sum",
      metrics: [
        ...Part.options.flatMap((part) => [
          own(DashboardMetrics.cacheHit, { part }, { id: `hit_${part}`, visible: false }),
          own(DashboardMetrics.cacheMiss, { part }, { id: `miss_${part}`, visible: false }),
          [
            {
              expression: `100 * FILL(hit_${part}, 0) / (FILL(hit_${part}, 0) + FILL(miss_${part}, 0))`,
              label: `${part} cache hit rate`,
            },
          ],
        ]),
      ],
      yAxis: { left: { min: 0, max: 100 } },
    },
    {
      title: "Profile completeness (average %)",
      stat: "Average",
      metrics: [own(DashboardMetrics.profileCompleteness)],
      yAxis: { left: { min: 0, max: 100 } },
    },
    {
      title: `Upstream errors and circuit openings (SEC limit ${inputs.secMaxRps} req/s)`,
      stat: "Sum",
      metrics: [
        ...Part.options.map((part) =>
          own(DashboardMetrics.upstreamError, { part }, { label: `${part} upstream errors` }),
        ),
        own(DashboardMetrics.circuitOpened, {}, { label: "circuit opened" }),
        own(DashboardMetrics.staleRunsEnded, {}, { label: "runs ended by the sweep" }),
      ],
    },
    {
      title: "Dead-letter queue depths",
      stat: "Maximum",
      metrics: inputs.deadLetterQueueNames.map((queue) => [
        "AWS/SQS",
        "ApproximateNumberOfMessagesVisible",
        "QueueName",
        queue,
      ]),
    },
    {
      title: "Express execution failures",
      stat: "Sum",
      metrics: inputs.stateMachineArns.flatMap((arn) =>
        ["ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted"].map((metricName) => [
          "AWS/States",
          metricName,
          "StateMachineArn",
          arn,
        ]),
      ),
    },
  ];
  return {
    widgets: panels.map(({ title, metrics, stat, yAxis }, index) => ({
      type: "metric",
      x: (index % 2) * Width,
      y: Math.floor(index / 2) * Height,
      width: Width,
      height: Height,
      properties: {
        title,
        region,
        view: "timeSeries",
        period: 300,
        ...(stat ? { stat } : {}),
        ...(yAxis ? { yAxis } : {}),
        metrics,
      },
    })),
  };
}
