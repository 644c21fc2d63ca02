import type { DeadLetter, EventEnvelope } from "./types";

/** Where a matched event must go. */
export interface DeliveryRef {
  ruleName: string;
  targetId: string;
}

/**
 * The bus's write-ahead log. `accepted` records double as the archive; `done` and `dead`
 * records settle the deliveries that `accepted` and `replayed` records planned.
 */
export type JournalRecord =
  | { op: "accepted"; receivedAt: string; event: EventEnvelope; deliveries: DeliveryRef[] }
  | { op: "replayed"; receivedAt: string; replayName: string; eventId: string; deliveries: DeliveryRef[] }
  | { op: "done"; id: string }
  | { op: "dead"; letter: DeadLetter };

export interface PendingDelivery extends DeliveryRef {
  id: string;
  event: EventEnvelope;
  /** Epoch ms when the bus accepted (or replayed) the event; the retry policy's age counts from here. */
  acceptedAt: number;
}

export interface RecoveredState {
  pending: PendingDelivery[];
  deadLetters: DeadLetter[];
}

export interface ArchivedEvent {
  receivedAt: string;
  event: EventEnvelope;
}

export interface BusJournal {
  /** Reads back what a previous run left: deliveries accepted but never settled, and dead letters. */
  recover(): Promise<RecoveredState>;
  /** Appends records; with `durable` the promise resolves only once they are on stable storage. */
  append(records: JournalRecord[], durable: boolean): Promise<void>;
  /** Visits every archived event in acceptance order. */
  scanArchive(visit: (archived: ArchivedEvent) => void): Promise<void>;
  close(): Promise<void>;
}

/** Identifies one delivery of one event (or one replay of it) to one rule target. */
export const deliveryId = (eventId: string, ref: DeliveryRef, replayName?: string): string =>
  [eventId, ref.ruleName, ref.targetId, ...(replayName === undefined ? [] : [replayName])].join("|");

/** A journal that keeps the archive in memory and forgets everything at exit. */
export function createMemoryJournal(): BusJournal {
  const archive: ArchivedEvent[] = [];
  return {
    recover: async () => ({ pending: [], deadLetters: [] }),
    append: async (records) => {
      for (const record of records) {
        if (record.op === "accepted") archive.push({ receivedAt: record.receivedAt, event: record.event });
      }
    },
    scanArchive: async (visit) => {
      for (const archived of archive) visit(archived);
    },
    close: async () => {},
  };
}
