import { RUN_STATUSES, type RunItem, type RunStatus, type Store } from "@dossier/core/store";
import {
  ExtractionFailed,
  ExtractionPartCompleted,
  ExtractionRequested,
  ProfileCompleted,
  ProfileIncomplete,
} from "@dossier/events";

/** The filters of the Runs page; every one is optional and they combine. */
export interface RunFilter {
  status?: RunStatus | undefined;
  /** Matches the company id, name, ticker or CIK (case-insensitive substring). */
  company?: string | undefined;
  batch?: string | undefined;
  /** Only runs requested within this many minutes. */
  sinceMinutes?: number | undefined;
}

/** Reads a filter from query parameters, ignoring values that are not one. */
export function parseRunFilter(query: Record<string, string | undefined>): RunFilter {
  const status = RUN_STATUSES.find((candidate) => candidate === query.status);
  const since = Number(query.since);
  return {
    status,
    company: query.company?.trim() || undefined,
    batch: query.batch?.trim() || undefined,
    sinceMinutes: Number.isFinite(since) && since > 0 ? since : undefined,
  };
}

/** The words a run can be found by: company id, name, ticker and CIK without leading zeros. */
export function companyTerms(run: Pick<RunItem, "companyId" | "company">): string[] {
  const { name, ticker, cik } = run.company;
  return [run.companyId, name, ticker, cik, cik?.replace(/^0+/, "")]
    .filter((term): term is string => Boolean(term))
    .map((term) => term.toLowerCase());
}

export function matchesCompany(run: Pick<RunItem, "companyId" | "company">, query: string): boolean {
  const needle = query
    .trim()
    .toLowerCase()
    .replace(/^0+(?=\d)/, "");
  return companyTerms(run).some((term) => term.includes(needle));
}

/** The runs a filter selects, newest request first. */
export function filterRuns(runs: readonly RunItem[], filter: RunFilter, now: number): RunItem[] {
  const since = filter.sinceMinutes === undefined ? undefined : now - filter.sinceMinutes * 60_000;
  return runs
    .filter(
      (run) =>
        (filter.status === undefined || run.status === filter.status) &&
        (filter.batch === undefined || run.batchId === filter.batch) &&
        (filter.company === undefined || matchesCompany(run, filter.company)) &&
        (since === undefined || run.requestedAt >= since),
    )
    .sort((a, b) => b.requestedAt - a.requestedAt || a.runId.localeCompare(b.runId));
}

/**
 * The sweep index (GSI1) holds every run, in one partition per sweep status ("pending" until the
 * run's terminal event is out, then "settled"; see the run entity), sorted by deadline, which is
 * the request time plus the run timeout: newest deadline first is newest request first.
 */
const SweepPartitions = ["pending", "settled"] as const;

/**
 * The newest runs a filter selects, at most `limit`, and whether there are more. Lists read the
 * index, newest first, and stop at the limit, so a page reads the runs it shows rather than the
 * whole table; a batch filter reads the batch index (GSI2). A company filter matches a substring of
 * name, ticker, CIK or id in any case, which DynamoDB cannot filter, so it reads every run.
 */
export async function listRuns(
  store: Store,
  filter: RunFilter,
  now: number,
  limit: number,
): Promise<{ runs: RunItem[]; more: boolean }> {
  let candidates: RunItem[];
  if (filter.batch !== undefined) {
    candidates = await store.runs.ofBatch(filter.batch);
  } else {
    const since = filter.sinceMinutes === undefined ? undefined : now - filter.sinceMinutes * 60_000;
    const partitions = await Promise.all(
      SweepPartitions.map(async (sweepStatus) => {
        const key = store.entities.run.query.bySweepStatusAndDeadline({ sweepStatus });
        // A run requested at or after `since` has its deadline after it too.
        const ranged = since === undefined ? key : key.gte({ deadlineAt: since });
        const status = filter.status;
        const filtered =
          status === undefined ? ranged : ranged.where((attributes, { eq }) => eq(attributes.status, status));
        // `limit` caps each page DynamoDB reads, `count` the items returned (ElectroDB pages on until it has them).
        const { data } = await filtered.go(
          filter.company === undefined
            ? { order: "desc", count: limit + 1, limit: limit + 1 }
            : { order: "desc", pages: "all" },
        );
        return data;
      }),
    );
    candidates = partitions.flat();
  }
  const selected = filterRuns(candidates, filter, now);
  return { runs: selected.slice(0, limit), more: selected.length > limit };
}

/** Every run, from the sweep index: the company index of the Profiles page. */
export async function allRuns(store: Store): Promise<RunItem[]> {
  const partitions = await Promise.all(
    SweepPartitions.map((sweepStatus) =>
      store.entities.run.query.bySweepStatusAndDeadline({ sweepStatus }).go({ pages: "all" }),
    ),
  );
  return partitions.flatMap((partition) => partition.data);
}

/**
 * What every live list watches: the runs still pending (every change a run goes through happens
 * while it is pending: its parts, its end, its batch's count) and the newest settled ones (a run
 * leaving the pending partition shows up there).
 */
export async function ledgerActivity(store: Store): Promise<RunItem[]> {
  const [pending, settled] = await Promise.all([
    store.entities.run.query.bySweepStatusAndDeadline({ sweepStatus: "pending" }).go({ pages: "all" }),
    store.entities.run.query
      .bySweepStatusAndDeadline({ sweepStatus: "settled" })
      .go({ order: "desc", count: 20, limit: 20 }),
  ]);
  return [...pending.data, ...settled.data];
}

export type TimelineKind = "request" | "part" | "merge" | "terminal";

/** One bar of a run's timeline, in ms since the request. */
export interface TimelineBar {
  label: string;
  kind: TimelineKind;
  startMs: number;
  endMs: number;
  /** succeeded, failed, skipped, waiting, running, or the terminal status. */
  status: string;
  note?: string;
}

const terminalLabels: Record<string, string> = {
  completed: ProfileCompleted.detailType,
  incomplete: ProfileIncomplete.detailType,
  failed: ExtractionFailed.detailType,
};

/** An event of the run and when the console saw it (the parts' outcomes and the request place the bars). */
export interface SeenPartEvent {
  detailType: string;
  part?: string | undefined;
  at: number;
}

/**
 * A run's timeline from its ledger entry: the request, each expected part, the merge and the
 * terminal event, in ms since the run's requestedAt. The ledger records how long each extractor
 * worked, not when; where the console saw the run's events (`events`), the request stands where
 * its Extraction.Requested was seen and each part's bar ends where its Extraction.PartCompleted
 * was; else both extractors are taken to start on the request and a part's bar runs from it for
 * the part's duration. The merge runs from the last part's end to the terminal claim (the ledger's
 * completedAt). A run still going shows its waiting parts up to `now`.
 */
export function runTimeline(run: RunItem, now: number, events: readonly SeenPartEvent[] = []): TimelineBar[] {
  // A batch's runs carry the batch's request time; their own request is published by the fan-out later.
  const requestSeen = events.find((event) => event.detailType === ExtractionRequested.detailType);
  const requestAt = requestSeen ? Math.max(0, requestSeen.at - run.requestedAt) : 0;
  const bars: TimelineBar[] = [
    {
      label: ExtractionRequested.detailType,
      kind: "request",
      startMs: requestAt,
      endMs: requestAt,
      status: "requested",
    },
  ];
  const elapsed = Math.max(0, (run.completedAt ?? now) - run.requestedAt);
  let lastPartEnd = 0;
  for (const part of run.partsExpected) {
    const outcome = run.parts[part];
    const retries = run.retries[part] ?? 0;
    const notes = [
      outcome?.cached ? "from cache" : undefined,
      retries > 0 ? `${retries} failed ${retries === 1 ? "delivery" : "deliveries"} retried` : undefined,
      outcome?.reason,
    ].filter((note): note is string => Boolean(note));
    if (outcome) {
      const duration = outcome.durationMs ?? 0;
      const reported = events.find(
        (event) => event.detailType === ExtractionPartCompleted.detailType && event.part === part,
      );
      const end = Math.min(reported ? Math.max(0, reported.at - run.requestedAt) : duration, elapsed);
      lastPartEnd = Math.max(lastPartEnd, end);
      bars.push({
        label: `${part} part`,
        kind: "part",
        startMs: Math.max(0, end - duration),
        endMs: end,
        status: outcome.status,
        ...(notes.length ? { note: notes.join("; ") } : {}),
      });
    } else {
      bars.push({
        label: `${part} part`,
        kind: "part",
        startMs: 0,
        endMs: elapsed,
        status: run.status === "running" ? "waiting" : "no outcome",
        ...(notes.length ? { note: notes.join("; ") } : {}),
      });
    }
  }
  if (run.completedAt !== undefined) {
    const end = Math.max(lastPartEnd, run.completedAt - run.requestedAt);
    bars.push({
      label: "merge",
      kind: "merge",
      startMs: lastPartEnd,
      endMs: end,
      status: run.status,
      note: "from the last part's outcome to the terminal claim, the delivery of the part's event included",
    });
    bars.push({
      label: run.terminalType ?? terminalLabels[run.status] ?? run.status,
      kind: "terminal",
      startMs: end,
      endMs: end,
      status: run.status,
    });
  }
  return bars;
}
