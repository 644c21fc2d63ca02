import { createReadStream } from "node:fs";
import { type FileHandle, mkdir, open, rename, rm } from "node:fs/promises";

/** Opens the journal's files; tests pass one whose writes fail as a full disk's do. */
export type OpenFile = (path: string, flags: "a" | "w") => Promise<FileHandle>;

import path from "node:path";
import { createInterface } from "node:readline";
import { DossierError } from "@dossier/events";
import {
  type ArchivedEvent,
  type BusJournal,
  type DeliveryRef,
  deliveryId,
  type JournalRecord,
  type PendingDelivery,
  type RecoveredState,
} from "./journal";
import type { DeadLetter } from "./types";

/** A journal line other than the last one does not parse: the file was edited or damaged. */
export class EventJournalCorruptError extends DossierError {
  constructor(file: string, line: number) {
    super(
      `Event journal ${file} has an unreadable record at line ${line}; move the file aside to start empty or repair that line.`,
      { retryable: false },
    );
  }
}

interface QueuedWrite {
  data: string;
  durable: boolean;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The journal file of a bus inside `dataDir`. */
export const journalPath = (dataDir: string, busName: string): string =>
  path.join(dataDir, `eventbridge-${busName}.jsonl`);

async function* readRecords(file: string): AsyncGenerator<JournalRecord> {
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let lineNumber = 0;
  let unreadable: number | undefined;
  for await (const line of lines) {
    lineNumber += 1;
    if (line === "") continue;
    // Only the last line may be torn (a crash mid-append, never acknowledged to a caller).
    if (unreadable !== undefined) throw new EventJournalCorruptError(file, unreadable);
    try {
      yield JSON.parse(line) as JournalRecord;
    } catch {
      unreadable = lineNumber;
    }
  }
}

const isMissingFile = (error: unknown): boolean =>
  error instanceof Error && "code" in error && error.code === "ENOENT";

/** The state the journal describes once every record is applied, kept in a shape that can be rewritten. */
class JournalFold {
  readonly accepted: Extract<JournalRecord, { op: "accepted" }>[] = [];
  private readonly events = new Map<string, Extract<JournalRecord, { op: "accepted" }>>();
  private readonly replays = new Map<string, { receivedAt: string; replayName: string; eventId: string }>();
  readonly pending = new Map<string, PendingDelivery & { replayKey?: string }>();
  readonly dead = new Map<string, DeadLetter>();

  apply(record: JournalRecord): void {
    switch (record.op) {
      case "accepted": {
        this.accepted.push(record);
        this.events.set(record.event.id, record);
        for (const ref of record.deliveries) {
          const id = deliveryId(record.event.id, ref);
          this.pending.set(id, {
            ...ref,
            id,
            event: record.event,
            acceptedAt: Date.parse(record.receivedAt),
          });
        }
        return;
      }
      case "replayed": {
        const original = this.events.get(record.eventId);
        if (original === undefined) return;
        const replayKey = `${record.replayName}|${record.eventId}`;
        this.replays.set(replayKey, record);
        const event = { ...original.event, "replay-name": record.replayName };
        for (const ref of record.deliveries) {
          const id = deliveryId(record.eventId, ref, record.replayName);
          this.pending.set(id, { ...ref, id, event, acceptedAt: Date.parse(record.receivedAt), replayKey });
        }
        return;
      }
      case "done":
        this.pending.delete(record.id);
        this.dead.delete(record.id);
        return;
      case "dead":
        this.pending.delete(record.letter.id);
        this.dead.set(record.letter.id, record.letter);
        return;
    }
  }

  /** The shortest journal with the same archive, outstanding deliveries and dead letters. */
  *compacted(): Generator<JournalRecord> {
    const outstanding = new Map<string, DeliveryRef[]>();
    for (const delivery of this.pending.values()) {
      const key = delivery.replayKey ?? delivery.event.id;
      const refs = outstanding.get(key) ?? [];
      refs.push({ ruleName: delivery.ruleName, targetId: delivery.targetId });
      outstanding.set(key, refs);
    }
    for (const record of this.accepted) {
      yield { ...record, deliveries: outstanding.get(record.event.id) ?? [] };
    }
    for (const [key, replay] of this.replays) {
      const deliveries = outstanding.get(key);
      if (deliveries !== undefined) yield { op: "replayed", ...replay, deliveries };
    }
    for (const letter of this.dead.values()) yield { op: "dead", letter };
  }
}

/**
 * The dead letters a journal holds, read without opening it for writing: another process may own
 * the journal and append to it meanwhile (a torn last line is one it is still writing).
 */
export async function readDeadLetters(file: string): Promise<DeadLetter[]> {
  const fold = new JournalFold();
  try {
    for await (const record of readRecords(file)) fold.apply(record);
  } catch (error) {
    if (!isMissingFile(error)) throw error;
  }
  return [...fold.dead.values()];
}

/**
 * A journal in one JSON-lines file. Appends are group-committed: concurrent callers share
 * one write and one fsync, so durability costs one disk flush per burst, not per event.
 */
export function createFileJournal(file: string, openFile: OpenFile = open): BusJournal {
  let handle: FileHandle | undefined;
  /** Bytes of whole records in the file: a failed append is cut back to this. */
  let committedBytes = 0;
  const queue: QueuedWrite[] = [];
  let flushing: Promise<void> | undefined;

  async function flush(target: FileHandle): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0);
      const data = batch.map((write) => write.data).join("");
      try {
        await target.appendFile(data);
        if (batch.some((write) => write.durable)) await target.datasync();
        committedBytes += Buffer.byteLength(data);
        for (const write of batch) write.resolve();
      } catch (error) {
        // A full disk can take part of a write: cut the file back to its last whole record, so
        // no torn line is ever left and what was accepted before is read back at the next start.
        await target.truncate(committedBytes).catch(() => undefined);
        for (const write of batch) write.reject(error);
      }
    }
    flushing = undefined;
  }

  async function rewrite(records: Iterable<JournalRecord>): Promise<void> {
    const temporary = `${file}.compacting`;
    const out = await openFile(temporary, "w");
    try {
      const lines: string[] = [];
      for (const record of records) lines.push(`${JSON.stringify(record)}\n`);
      await out.writeFile(lines.join(""));
      await out.sync();
    } catch (error) {
      // The journal itself is untouched: a start that fails here (a full disk) loses nothing.
      await out.close();
      await rm(temporary, { force: true });
      throw error;
    }
    await out.close();
    await rename(temporary, file);
  }

  return {
    async recover(): Promise<RecoveredState> {
      await mkdir(path.dirname(file), { recursive: true });
      const fold = new JournalFold();
      try {
        for await (const record of readRecords(file)) fold.apply(record);
      } catch (error) {
        if (!isMissingFile(error)) throw error;
      }
      // Compacting at start keeps the journal proportional to the archive, not to its history.
      await rewrite(fold.compacted());
      handle = await openFile(file, "a");
      committedBytes = (await handle.stat()).size;
      return {
        pending: [...fold.pending.values()].map(({ replayKey: _replayKey, ...delivery }) => delivery),
        deadLetters: [...fold.dead.values()],
      };
    },

    append(records, durable) {
      const target = handle;
      if (target === undefined) {
        return Promise.reject(new Error(`Event journal ${file} is not open; call recover() first.`));
      }
      return new Promise<void>((resolve, reject) => {
        queue.push({
          data: records.map((record) => `${JSON.stringify(record)}\n`).join(""),
          durable,
          resolve,
          reject,
        });
        flushing ??= flush(target);
      });
    },

    async scanArchive(visit: (archived: ArchivedEvent) => void): Promise<void> {
      try {
        for await (const record of readRecords(file)) {
          if (record.op === "accepted") visit({ receivedAt: record.receivedAt, event: record.event });
        }
      } catch (error) {
        if (!isMissingFile(error)) throw error;
      }
    },

    async close(): Promise<void> {
      const target = handle;
      handle = undefined;
      await flushing;
      await target?.close();
    },
  };
}
