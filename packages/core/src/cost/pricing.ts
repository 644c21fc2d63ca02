/**
 * What a run costs on AWS, from us-east-1 list prices: the one model behind docs/cost.md's table
 * (a test checks the table's totals against it) and the console's cost per run.
 */
export const UnitPrices = {
  eventBridgeEvent: 1.0 / 1e6,
  stepFunctionsExpressRequest: 1.0 / 1e6,
  stepFunctionsExpressGbSecond: 0.00001667,
  lambdaRequest: 0.2 / 1e6,
  /** arm64. */
  lambdaGbSecond: 0.0000133334,
  /** On-demand write request unit, at the prices since 1 November 2024. */
  dynamoWrite: 0.625 / 1e6,
  dynamoRead: 0.125 / 1e6,
  s3Put: 0.005 / 1e3,
  s3Get: 0.0004 / 1e3,
  logsIngestedGb: 0.5,
} as const;

/** One Lambda function's share of a run: how often it ran, at what memory, for how long each time. */
export interface LambdaUsage {
  invocations: number;
  memoryGb: number;
  seconds: number;
}

/** What one run uses of each service. */
export interface RunUsage {
  events: number;
  expressExecutions: number;
  /** Express workflow duration, summed over executions, at 64 MB. */
  expressSeconds: number;
  lambda: Record<string, LambdaUsage>;
  dynamoWrites: number;
  dynamoReads: number;
  s3Puts: number;
  s3Gets: number;
  logsGb: number;
}

/**
 * A company with both parts, cache cold, not in a batch: the counts of docs/cost.md. Durations are
 * typical estimates, not measured on AWS; {@link runUsage} puts a run's measured part times in.
 */
export const TypicalColdRun: RunUsage = {
  events: 5,
  expressExecutions: 2,
  expressSeconds: 0.9,
  lambda: {
    secExtractor: { invocations: 1, memoryGb: 1, seconds: 2.5 },
    leadershipExtractor: { invocations: 1, memoryGb: 0.5, seconds: 3 },
    runLedger: { invocations: 1, memoryGb: 0.25, seconds: 0.1 },
    mergeAppendPart: { invocations: 2, memoryGb: 0.5, seconds: 0.2 },
    mergeFinalize: { invocations: 1, memoryGb: 0.5, seconds: 0.3 },
    mergeUpdateLatest: { invocations: 1, memoryGb: 0.5, seconds: 0.2 },
    mergeRecordAnnounced: { invocations: 1, memoryGb: 0.25, seconds: 0.05 },
  },
  dynamoWrites: 21,
  dynamoReads: 10,
  s3Puts: 5,
  s3Gets: 6,
  logsGb: 0.00007,
};

export interface CostLine {
  service: string;
  usd: number;
}

/** The cost of a run, line by line as docs/cost.md lists it, with the total. */
export function estimateCost(usage: RunUsage): { lines: CostLine[]; subtotalUsd: number; totalUsd: number } {
  const lambdas = Object.values(usage.lambda);
  const gbSeconds = lambdas.reduce((sum, fn) => sum + fn.invocations * fn.memoryGb * fn.seconds, 0);
  const lines: CostLine[] = [
    { service: "EventBridge custom events", usd: usage.events * UnitPrices.eventBridgeEvent },
    {
      service: "Step Functions Express requests",
      usd: usage.expressExecutions * UnitPrices.stepFunctionsExpressRequest,
    },
    {
      service: "Step Functions Express duration",
      usd: usage.expressSeconds * 0.0625 * UnitPrices.stepFunctionsExpressGbSecond,
    },
    {
      service: "Lambda requests",
      usd: lambdas.reduce((sum, fn) => sum + fn.invocations, 0) * UnitPrices.lambdaRequest,
    },
    { service: "Lambda duration (arm64)", usd: gbSeconds * UnitPrices.lambdaGbSecond },
    { service: "DynamoDB writes", usd: usage.dynamoWrites * UnitPrices.dynamoWrite },
    { service: "DynamoDB reads", usd: usage.dynamoReads * UnitPrices.dynamoRead },
    { service: "S3 PUT", usd: usage.s3Puts * UnitPrices.s3Put },
    { service: "S3 GET", usd: usage.s3Gets * UnitPrices.s3Get },
  ];
  const subtotalUsd = lines.reduce((sum, line) => sum + line.usd, 0);
  const logs = { service: "CloudWatch Logs", usd: usage.logsGb * UnitPrices.logsIngestedGb };
  return { lines: [...lines, logs], subtotalUsd, totalUsd: subtotalUsd + logs.usd };
}

/**
 * A run's usage: the typical run with the parts it actually ran and their measured durations (a
 * cached part's extractor answers in its own time too), and no extractor for a part it did not ask for.
 */
export function runUsage(run: {
  partsExpected: readonly string[];
  parts: Partial<Record<string, { durationMs?: number | undefined } | undefined>>;
}): RunUsage {
  const extractorOf = { sec: "secExtractor", leadership: "leadershipExtractor" } as const;
  const lambda = { ...TypicalColdRun.lambda };
  let events = TypicalColdRun.events;
  let expressExecutions = TypicalColdRun.expressExecutions;
  for (const [part, name] of Object.entries(extractorOf)) {
    const typical = TypicalColdRun.lambda[name] as LambdaUsage;
    if (!run.partsExpected.includes(part)) {
      delete lambda[name];
      events -= 1;
      expressExecutions -= 1;
      continue;
    }
    const measured = run.parts[part]?.durationMs;
    lambda[name] = measured === undefined ? typical : { ...typical, seconds: measured / 1000 };
  }
  return { ...TypicalColdRun, lambda, events, expressExecutions };
}
