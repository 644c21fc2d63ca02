import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { newBatchId } from "@dossier/core/pipeline";
import { createStore, type ScheduleItem } from "@dossier/core/store";
import { BatchRequested, type CompanyRequest, type Part, Sources, toPutEventsEntry } from "@dossier/events";
import { LocalResourceNames } from "../runtime/environment";
import { createLocalScheduler, type LocalScheduler } from "./local-scheduler";
import type { ScheduleRecord } from "./schedule-record";

type StoredSchedule = ScheduleRecord & { item: ScheduleItem };

/** The local mirror of schedules in the runtime's table (the SDK reaches it through the runtime's environment). */
export function scheduleStore() {
  return createStore({ client: new DynamoDBClient({}), table: LocalResourceNames.table }).entities.schedule;
}

function toRecord(item: ScheduleItem): StoredSchedule {
  return {
    name: item.name,
    expression: item.expression,
    timezone: item.timezone,
    enabled: item.enabled,
    createdAt: new Date(item.createdAt),
    ...(item.lastFiredAt ? { lastFiredAt: new Date(item.lastFiredAt) } : {}),
    item,
  };
}

/** Publishes the Batch.Requested a schedule stands for, as EventBridge Scheduler's target would. */
export async function fireSchedule(item: ScheduleItem, scheduledTime: Date): Promise<string> {
  const batchId = newBatchId(scheduledTime);
  await new EventBridgeClient({}).send(
    new PutEventsCommand({
      Entries: [
        toPutEventsEntry(
          BatchRequested,
          {
            batchId,
            ...(item.watchlist
              ? { watchlist: item.watchlist }
              : { companies: item.companies as CompanyRequest[] }),
            parts: (item.parts ?? ["sec", "leadership"]) as Part[],
            scheduleName: item.name,
            requestedAt: scheduledTime.toISOString(),
          },
          { source: Sources.scheduler, busName: LocalResourceNames.bus },
        ),
      ],
    }),
  );
  return batchId;
}

export interface ScheduleRunnerOptions {
  /** Told each time a schedule fired, with the batch it started. */
  onFired?: (scheduleName: string, batchId: string) => void;
  /** Told when a schedule could not be listed, marked or fired (the runner keeps going). */
  onError?: (error: unknown, scheduleName: string | undefined) => void;
}

/**
 * Fires the schedules stored in the local table on time, as EventBridge Scheduler would, while a
 * runtime (`dossier dev`) runs; SDK clients reach the table and bus through the runtime's environment.
 */
export async function startScheduleRunner(options: ScheduleRunnerOptions = {}): Promise<LocalScheduler> {
  const schedules = scheduleStore();
  const scheduler = createLocalScheduler<StoredSchedule>({
    list: async () => (await schedules.query.byName({}).go({ pages: "all" })).data.map(toRecord),
    markFired: async (name, firedAt, nextFireAt) => {
      await schedules
        .patch({ name })
        .set({ lastFiredAt: firedAt.getTime(), ...(nextFireAt ? { nextFireAt: nextFireAt.getTime() } : {}) })
        .go();
    },
    fire: async (schedule, scheduledTime) => {
      const batchId = await fireSchedule(schedule.item, scheduledTime);
      options.onFired?.(schedule.name, batchId);
    },
    onError: (error, schedule) => options.onError?.(error, schedule?.name),
  });
  await scheduler.start();
  // New schedules created by another process appear within a minute.
  const refresh = setInterval(() => void scheduler.refresh().catch(() => undefined), 60_000);
  refresh.unref();
  return {
    start: () => scheduler.start(),
    refresh: () => scheduler.refresh(),
    stop: async () => {
      clearInterval(refresh);
      await scheduler.stop();
    },
  };
}
