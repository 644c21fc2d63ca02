import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { newBatchId } from "@dossier/core/pipeline";
import { createStore, type ScheduleItem } from "@dossier/core/store";
import { BatchRequested, type CompanyRequest, type Part, Sources, toPutEventsEntry } from "@dossier/events";
import { LocalResourceNames } from "@dossier/local/runtime";
import { createLocalScheduler, type LocalScheduler, type ScheduleRecord } from "@dossier/local/scheduler";

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
            companies: item.companies as CompanyRequest[],
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

/** Fires the stored schedules on time while `dossier dev` runs. */
export async function startScheduleRunner(): Promise<LocalScheduler> {
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
      process.stdout.write(`schedule ${schedule.name} fired batch ${batchId}\n`);
    },
    onError: (error, schedule) =>
      process.stderr.write(`schedule ${schedule?.name ?? ""} failed: ${(error as Error).message}\n`),
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
