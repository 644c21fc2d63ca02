import { appendFile, mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLocalEventBus, type LocalEventBus, type LocalEventBusOptions } from "./bus";
import { EventJournalCorruptError, journalPath, type OpenFile } from "./file-journal";
import { createInstantClock } from "./instant-clock";
import type { EventEnvelope, RetryPolicy, RuleTarget } from "./types";

const BUS = "dossier-durable";
const thingPattern = { source: ["dossier.test"], "detail-type": ["Thing.Happened"] };
const entry = (n: number) => ({
  Source: "dossier.test",
  DetailType: "Thing.Happened",
  Detail: JSON.stringify({ n }),
  EventBusName: BUS,
});

let dataDir: string;
const opened: LocalEventBus[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "dossier-eventbridge-"));
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((bus) => bus.stop()));
  await rm(dataDir, { recursive: true, force: true });
});

function openBus(
  invoke: RuleTarget["invoke"],
  options: Partial<LocalEventBusOptions> = {},
  retryPolicy?: RetryPolicy,
): LocalEventBus {
  const clock = createInstantClock();
  const bus = createLocalEventBus({
    busName: BUS,
    dataDir,
    now: clock.now,
    timers: clock.timers,
    ...options,
  });
  bus.putRule({ name: "things", eventPattern: thingPattern, targets: [{ id: "t", invoke, retryPolicy }] });
  opened.push(bus);
  return bus;
}

const recorder = () => {
  const seen: EventEnvelope[] = [];
  return { seen, invoke: async (event: EventEnvelope) => void seen.push(event) };
};

describe("LocalEventBus with a dataDir", () => {
  it("has the event on disk when putEvents resolves, before any target runs", async () => {
    const bus = openBus(() => new Promise(() => {}));

    const result = await bus.putEvents([entry(1)]);

    const journal = await readFile(journalPath(dataDir, BUS), "utf8");
    expect(journal).toContain((result.Entries[0] as { EventId: string }).EventId);
    expect(bus.stats().delivered).toBe(0);
  });

  it("re-delivers after a crash exactly the deliveries that never completed, and keeps the archive", async () => {
    // Prepare: event 1 is delivered, events 2 and 3 are mid-delivery when the process "dies".
    let release!: () => void;
    const hung = new Promise<void>((resolve) => {
      release = resolve;
    });
    const crashed = openBus(async (event) => {
      if (event.detail.n !== 1) await hung;
    });
    await crashed.putEvents([entry(1), entry(2), entry(3)]);
    await vi.waitFor(() => expect(crashed.stats().delivered).toBe(1));

    // Act: a new bus on the same dataDir, without the first one ever stopping.
    const after = recorder();
    const restarted = openBus(after.invoke);
    await restarted.start();
    await restarted.drain();

    // Assess
    expect(after.seen.map((event) => event.detail.n).sort()).toEqual([2, 3]);
    expect((await restarted.listArchive()).map((event) => event.detail.n)).toEqual([1, 2, 3]);
    release();
  });

  it("leaves deliveries waiting for a retry to the next start when stopped", async () => {
    // Prepare: a target that fails, with a retry an hour away on real timers.
    const first = openBus(
      async () => {
        throw new Error("down");
      },
      { timers: undefined, retryBaseDelayMs: 3_600_000 },
    );
    await first.putEvents([entry(1)]);
    await vi.waitFor(() => expect(first.stats().scheduled).toBe(1));
    await first.stop();

    // Act
    const after = recorder();
    const second = openBus(after.invoke);
    await second.start();
    await second.drain();

    // Assess
    expect(after.seen.map((event) => event.detail.n)).toEqual([1]);
  });

  it("keeps dead letters across restarts until a redrive delivers them", async () => {
    // Prepare
    const failing = openBus(
      async () => {
        throw new Error("permanent failure");
      },
      {},
      { maximumRetryAttempts: 0 },
    );
    await failing.putEvents([entry(1)]);
    await failing.drain();
    await failing.stop();

    // Act
    const fixed = recorder();
    const second = openBus(fixed.invoke);
    await second.start();
    const lettersAfterRestart = second.listDeadLetters();
    const redrive = await second.redriveDeadLetters();
    await second.stop();
    const third = openBus(fixed.invoke);
    await third.start();
    await third.drain();

    // Assess
    expect(lettersAfterRestart).toMatchObject([{ errorMessage: "permanent failure", attempts: 1 }]);
    expect(redrive).toEqual({ attempted: 1, redelivered: 1, failed: 0 });
    expect(fixed.seen.map((event) => event.detail.n)).toEqual([1]);
    expect(third.listDeadLetters()).toEqual([]);
  });

  it("replays events archived by an earlier run", async () => {
    const first = openBus(async () => {});
    await first.putEvents([entry(1), entry(2)]);
    await first.drain();
    await first.stop();

    const after = recorder();
    const second = openBus(after.invoke);
    const result = await second.replay({ from: new Date(0), to: new Date("2100-01-01T00:00:00Z") });
    await second.drain();

    expect(result.deliveries).toBe(2);
    expect(after.seen.map((event) => [event.detail.n, event["replay-name"]])).toEqual([
      [1, result.replayName],
      [2, result.replayName],
    ]);
  });

  it("finishes after a crash the deliveries of a replay that was under way", async () => {
    // Prepare: event 1 is archived and delivered, then its replay hangs when the process "dies".
    let replaying = false;
    let release!: () => void;
    const hung = new Promise<void>((resolve) => {
      release = resolve;
    });
    const crashed = openBus(async () => {
      if (replaying) await hung;
    });
    await crashed.putEvents([entry(1)]);
    await crashed.drain();
    replaying = true;
    const replay = await crashed.replay({
      from: new Date(0),
      to: new Date("2100-01-01T00:00:00Z"),
      name: "r1",
    });

    // Act
    const after = recorder();
    const restarted = openBus(after.invoke);
    await restarted.start();
    await restarted.drain();

    // Assess
    expect(replay.deliveries).toBe(1);
    expect(after.seen.map((event) => [event.detail.n, event["replay-name"]])).toEqual([[1, "r1"]]);
    release();
  });

  it("compacts settled deliveries out of the journal at start and keeps every archived event", async () => {
    // Prepare: two delivered events, one dead letter.
    const first = openBus(
      async (event) => {
        if (event.detail.n === 3) throw new Error("bad event");
      },
      {},
      { maximumRetryAttempts: 0 },
    );
    await first.putEvents([entry(1), entry(2), entry(3)]);
    await first.drain();
    await first.stop();
    const file = journalPath(dataDir, BUS);
    const before = (await readFile(file, "utf8")).trim().split("\n");

    // Act
    const second = openBus(async () => {});
    await second.start();
    const after = (await readFile(file, "utf8")).trim().split("\n");

    // Assess: 3 accepted + 2 done + 1 dead before; 3 accepted (no deliveries owed) + 1 dead after.
    expect(before).toHaveLength(6);
    expect(after.map((line) => JSON.parse(line).op)).toEqual(["accepted", "accepted", "accepted", "dead"]);
    expect(after.every((line) => !line.includes('"deliveries":[{'))).toBe(true);
    expect((await second.listArchive()).map((event) => event.detail.n)).toEqual([1, 2, 3]);
    expect(second.listDeadLetters().map((letter) => letter.event.detail.n)).toEqual([3]);
  });

  it("ignores a torn last line but refuses a journal damaged in the middle", async () => {
    // Prepare
    const first = openBus(async () => {});
    await first.putEvents([entry(1)]);
    await first.drain();
    await first.stop();
    const file = journalPath(dataDir, BUS);
    await appendFile(file, '{"op":"accepted","receivedAt":"2025-');

    // Act
    const second = openBus(async () => {});
    const archive = await second.listArchive();
    await second.stop();
    await writeFile(file, `not json\n${await readFile(file, "utf8")}`);
    const third = openBus(async () => {});

    // Assess
    expect(archive.map((event) => event.detail.n)).toEqual([1]);
    await expect(third.start()).rejects.toBeInstanceOf(EventJournalCorruptError);
  });
});

describe("LocalEventBus on a full disk", () => {
  /** Opens the journal as usual, but while `full` is set an append writes half its bytes and fails as ENOSPC does. */
  function diskThatFills() {
    const state = { full: false };
    const openJournalFile: OpenFile = async (file, flags) => {
      const handle = await open(file, flags);
      const appendFile = handle.appendFile.bind(handle);
      return Object.assign(handle, {
        appendFile: async (data: string) => {
          if (!state.full) return appendFile(data);
          await appendFile(data.slice(0, Math.floor(data.length / 2)));
          throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
        },
      });
    };
    return { state, openJournalFile };
  }

  it("refuses PutEvents, leaves no torn line, and starts with every event it accepted once space returns", async () => {
    const disk = diskThatFills();
    const bus = openBus(async () => {}, { openJournalFile: disk.openJournalFile });
    const accepted = await bus.putEvents([entry(1), entry(2)]);

    disk.state.full = true;
    const refused = await bus.putEvents([entry(3)]).catch((error: unknown) => error);
    disk.state.full = false;
    await bus.stop();

    expect(accepted.FailedEntryCount).toBe(0);
    expect(refused).toMatchObject({ code: "ENOSPC" });
    const journal = await readFile(journalPath(dataDir, BUS), "utf8");
    expect(journal.endsWith("\n")).toBe(true);
    expect(journal).not.toContain('"n":3');
    const restarted = openBus(async () => {});
    const archived = await restarted.listArchive();
    expect(archived.map((event) => event.detail)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it("fails to start on a full disk without touching the journal, and starts once space returns", async () => {
    const first = openBus(async () => {});
    await first.putEvents([entry(1)]);
    await first.stop();
    const before = await readFile(journalPath(dataDir, BUS), "utf8");
    const full: OpenFile = async (file, flags) => {
      const handle = await open(file, flags);
      return Object.assign(handle, {
        writeFile: async () => {
          throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
        },
      });
    };

    const failed = await openBus(async () => {}, { openJournalFile: full })
      .start()
      .catch((error: unknown) => error);

    expect(failed).toMatchObject({ code: "ENOSPC" });
    expect(await readFile(journalPath(dataDir, BUS), "utf8")).toBe(before);
    const recovered = openBus(async () => {});
    expect((await recovered.listArchive()).map((event) => event.detail)).toEqual([{ n: 1 }]);
  });
});
