import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import {
  BatchCompleted,
  BatchRequested,
  CircuitClosed,
  CircuitOpened,
  ExtractionFailed,
  ExtractionPartCompleted,
  ExtractionRequested,
  ProfileCompleted,
  ProfileIncomplete,
  ProfileUpdated,
  Rules,
  Sources,
} from "@dossier/events";
import {
  createLocalEventBus,
  type LocalEventBus,
  type PutEventsRequestEntry,
  startEventBridgeServer,
} from "@dossier/local/eventbridge";
import { round } from "../stats";

export interface BusThroughputOptions {
  events: number;
  batchSize: number;
  /**
   * How events reach the bus: straight into it (the runtime's own handlers), or as `dossier dev`'s
   * clients send them, PutEvents over its HTTP endpoint with the AWS SDK (this many calls in flight).
   */
  via?: "in-process" | { http: { callsInFlight: number } };
}

export interface BusThroughputMeasurement {
  events: number;
  rules: number;
  elapsedMs: number;
  /** Events accepted and every one of their deliveries done, per second. */
  eventsPerSecond: number;
  deliveries: number;
  deliveriesPerSecond: number;
  accepted: number;
  rejected: number;
}

/**
 * The shared rules plus variants a real bus collects (monitoring, auditing, alerting), 20 in
 * all, so routing evaluates the same kinds of patterns production does.
 */
export function benchRulePatterns(): { name: string; eventPattern: unknown }[] {
  const shared = Object.values(Rules).map((rule) => ({ name: rule.name, eventPattern: rule.eventPattern }));
  const variants: { name: string; eventPattern: unknown }[] = [
    { name: "audit-all-dossier", eventPattern: { source: [{ prefix: "dossier." }] } },
    {
      name: "low-completeness",
      eventPattern: {
        "detail-type": [ProfileCompleted.detailType, ProfileIncomplete.detailType],
        detail: { completeness: [{ numeric: ["<", 50] }] },
      },
    },
    {
      name: "sec-failures",
      eventPattern: {
        source: [Sources.sec],
        "detail-type": [ExtractionPartCompleted.detailType],
        detail: { status: ["failed"] },
      },
    },
    {
      name: "leadership-cache-misses",
      eventPattern: {
        source: [Sources.leadership],
        detail: { cached: [false], status: [{ "anything-but": ["skipped"] }] },
      },
    },
    { name: "batch-completed", eventPattern: { "detail-type": [BatchCompleted.detailType] } },
    {
      name: "parts-not-succeeded",
      eventPattern: {
        "detail-type": [ExtractionPartCompleted.detailType],
        detail: { status: [{ "anything-but": "succeeded" }] },
      },
    },
    {
      name: "forced-requests",
      eventPattern: { "detail-type": [ExtractionRequested.detailType], detail: { force: [true] } },
    },
    {
      name: "requests-by-ticker",
      eventPattern: {
        "detail-type": [ExtractionRequested.detailType],
        detail: { company: { ticker: [{ exists: true }] } },
      },
    },
    {
      name: "slow-parts",
      eventPattern: {
        "detail-type": [ExtractionPartCompleted.detailType],
        detail: { durationMs: [{ numeric: [">=", 5000] }] },
      },
    },
    {
      name: "circuit-alerts",
      eventPattern: { source: [Sources.resilience], "detail-type": [{ prefix: "Circuit." }] },
    },
    {
      name: "curated-companies",
      eventPattern: { detail: { companyId: [{ prefix: "cik-00099" }, { suffix: ".example" }] } },
    },
    {
      name: "terminal-or-failed",
      eventPattern: {
        $or: [
          { "detail-type": [ExtractionFailed.detailType] },
          { "detail-type": [ProfileIncomplete.detailType], detail: { missing: [{ exists: true }] } },
        ],
      },
    },
    {
      name: "ignore-case-source",
      eventPattern: { source: [{ "equals-ignore-case": "DOSSIER.MERGE" }] },
    },
    {
      name: "wildcard-profile",
      eventPattern: { "detail-type": [{ wildcard: "Profile.*" }], detail: { batchId: [{ exists: false }] } },
    },
  ];
  return [...shared, ...variants];
}

type EventMaker = (
  index: number,
  runId: string,
  companyId: string,
) => [string, string, Record<string, unknown>];

// Weighted like a running pipeline: per company one request, two part outcomes, a partial
// profile and a terminal event; batches, failures and circuit changes are rarer.
const eventMakers: EventMaker[] = [
  (index, runId) => [
    Sources.requests,
    ExtractionRequested.detailType,
    { runId, company: index % 2 === 0 ? { ticker: "DMO" } : { cik: "9900001" }, force: index % 3 === 0 },
  ],
  (index, runId, companyId) => [
    Sources.sec,
    ExtractionPartCompleted.detailType,
    {
      runId,
      companyId,
      status: index % 7 === 0 ? "failed" : "succeeded",
      cached: index % 3 === 0,
      durationMs: (index * 37) % 9_000,
    },
  ],
  (index, runId, companyId) => [
    Sources.leadership,
    ExtractionPartCompleted.detailType,
    { runId, companyId, status: index % 5 === 0 ? "failed" : "succeeded", cached: false, durationMs: 900 },
  ],
  (_, runId, companyId) => [Sources.merge, ProfileUpdated.detailType, { runId, companyId, completeness: 60 }],
  (index, runId, companyId) => [
    Sources.merge,
    ProfileCompleted.detailType,
    { runId, companyId, completeness: 40 + (index % 60), missing: [], batchId: `batch-${index % 5}` },
  ],
  (index, runId, companyId) => [
    Sources.merge,
    ProfileIncomplete.detailType,
    {
      runId,
      companyId,
      completeness: 30,
      missing: ["executives"],
      ...(index % 2 ? { batchId: "batch-1" } : {}),
    },
  ],
  (_, runId) => [
    Sources.ledger,
    ExtractionFailed.detailType,
    { runId, reason: "no such company", batchId: "batch-2" },
  ],
  (index) => [
    Sources.batch,
    BatchRequested.detailType,
    { batchId: `batch-${index}`, companies: [{ ticker: "DMO" }] },
  ],
  (index) => [
    Sources.batch,
    BatchCompleted.detailType,
    { batchId: `batch-${index}`, total: 10, completed: 9 },
  ],
  (index) => [
    Sources.resilience,
    index % 2 ? CircuitOpened.detailType : CircuitClosed.detailType,
    { upstream: "sec" },
  ],
];
const weights = [3, 3, 3, 3, 2, 1, 1, 1, 1, 1];
const schedule = eventMakers.flatMap((maker, position) =>
  Array.from({ length: weights[position] ?? 1 }, () => maker),
);

/** The traffic of a running pipeline: requests, part outcomes, profiles, batches, circuits. */
export function benchEventMix(count: number): PutEventsRequestEntry[] {
  const entries: PutEventsRequestEntry[] = [];
  while (entries.length < count) {
    for (const maker of schedule) {
      if (entries.length === count) break;
      const index = entries.length;
      const runId = `run-${String(index).padStart(8, "0")}`;
      const companyId = `cik-${String(9_900_000 + (index % 997)).padStart(10, "0")}`;
      const [source, detailType, detail] = maker(index, runId, companyId);
      entries.push({
        Source: source,
        DetailType: detailType,
        Detail: JSON.stringify(detail),
        EventBusName: "bench",
      });
    }
  }
  return entries;
}

/**
 * An in-memory LocalEventBus with 20 rules and no-op targets: events published in batches and
 * timed until every delivery has run, so routing and dispatch are what is measured.
 */
export async function measureBusThroughput(options: BusThroughputOptions): Promise<BusThroughputMeasurement> {
  const bus = createLocalEventBus({ busName: "bench" });
  const patterns = benchRulePatterns();
  for (const { name, eventPattern } of patterns) {
    bus.putRule({ name, eventPattern, targets: [{ id: "no-op", invoke: async () => undefined }] });
  }
  await bus.start();
  const entries = benchEventMix(options.events);
  const batches: PutEventsRequestEntry[][] = [];
  for (let start = 0; start < entries.length; start += options.batchSize) {
    batches.push(entries.slice(start, start + options.batchSize));
  }
  const via = options.via ?? "in-process";
  const publisher = via === "in-process" ? undefined : await httpPublisher(bus, via.http.callsInFlight);
  try {
    const started = performance.now();
    if (publisher) await publisher.publish(batches);
    else for (const batch of batches) await bus.putEvents(batch);
    await bus.drain();
    const elapsedMs = performance.now() - started;
    const stats = bus.stats();
    return {
      events: options.events,
      rules: patterns.length,
      elapsedMs: round(elapsedMs),
      eventsPerSecond: round(stats.accepted / (elapsedMs / 1000)),
      deliveries: stats.delivered,
      deliveriesPerSecond: round(stats.delivered / (elapsedMs / 1000)),
      accepted: stats.accepted,
      rejected: stats.rejected,
    };
  } finally {
    await publisher?.close();
    await bus.stop();
  }
}

/** PutEvents through the bus's HTTP endpoint with the AWS SDK, `callsInFlight` calls at a time. */
async function httpPublisher(bus: LocalEventBus, callsInFlight: number) {
  const server = await startEventBridgeServer({ bus, port: 0 });
  const client = new EventBridgeClient({
    endpoint: server.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
  });
  return {
    async publish(batches: PutEventsRequestEntry[][]) {
      // The SDK's entry type (its Time is a Date); the mix sets no Time.
      const calls = batches.map((batch) =>
        batch.map(({ Source, DetailType, Detail, EventBusName }) => ({
          Source,
          DetailType,
          Detail,
          EventBusName,
        })),
      );
      let next = 0;
      const worker = async () => {
        while (next < calls.length) {
          const batch = calls[next];
          next += 1;
          const answer = await client.send(new PutEventsCommand({ Entries: batch }));
          if (answer.FailedEntryCount) throw new Error(`the bus refused ${answer.FailedEntryCount} entries`);
        }
      };
      await Promise.all(Array.from({ length: callsInFlight }, worker));
    },
    async close() {
      client.destroy();
      await server.close();
    },
  };
}
