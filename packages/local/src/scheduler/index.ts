export { type DuePlan, planSchedule } from "./due";
export {
  createLocalScheduler,
  DEFAULT_GRACE_MS,
  LIST_RETRY_MS,
  type LocalScheduler,
  type LocalSchedulerOptions,
  type TimerHandle,
} from "./local-scheduler";
export type { ScheduleRecord } from "./schedule-record";
export {
  fireSchedule,
  type ScheduleRunnerOptions,
  scheduleStore,
  startScheduleRunner,
} from "./schedule-runner";
