export {
  type BatchLedger,
  type BatchOutcome,
  type BatchSummary,
  createBatchLedger,
  type NewBatch,
  tallyShardOf,
} from "./batch-ledger";
export type { BatchEntity, BatchItem } from "./entities/batch";
export { BATCH_TALLY_SHARDS, type BatchTallyEntity, type BatchTallyItem } from "./entities/batch-tally";
export type { CacheEntryEntity, CacheEntryItem } from "./entities/cache-entry";
export { CIRCUIT_STATES, type CircuitEntity, type CircuitItem, type CircuitState } from "./entities/circuit";
export type { NotificationEntity, NotificationItem } from "./entities/notification";
export type { ProfileVersionEntity, ProfileVersionItem } from "./entities/profile-version";
export type { RateBucketEntity, RateBucketItem } from "./entities/rate-bucket";
export {
  PART_STATUSES,
  type PartOutcome,
  RUN_PARTS,
  RUN_STATUSES,
  type RunEntity,
  type RunItem,
  type RunPart,
  type RunStatus,
  type TerminalRunStatus,
} from "./entities/run";
export type { ScheduleEntity, ScheduleItem } from "./entities/schedule";
export type {
  WatchlistEntity,
  WatchlistItem,
  WatchlistMemberEntity,
  WatchlistMemberItem,
} from "./entities/watchlist";
export { BatchNotFoundError, ForeignPartError, RunNotFoundError, UnexpectedPartError } from "./errors";
export { idempotencyTableConfig, releaseInProgressIdempotency } from "./idempotency";
export {
  type ClaimTerminalResult,
  createRunLedger,
  type NewRun,
  type RecordPartResult,
  type RunLedger,
  type TerminalSummary,
} from "./run-ledger";
export { createStore, type Store, type StoreEntities, type StoreOptions, type StoreService } from "./service";
export { type GlobalIndexName, tableDesign, tableKeyAttributes, toCreateTableInput } from "./table";
export type { WatchedCompany, WatchlistChange, Watchlists } from "./watchlists";
