import type { PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import type { AppendPartOutput, TerminalDecision } from "@dossier/core/pipeline";
import { FunctionNames, StateMachineNames } from "@dossier/core/topology";
import { type StateMachineDefinition, taskStates, Workflows } from "@dossier/core/workflows";
import { describe, expect, it } from "vitest";
import { type LocalFunction, LocalStateMachine } from ".";

const bindings = {
  functionArn: (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:dossier-${name}`,
  busName: "dossier",
};

function machine(
  definition: StateMachineDefinition,
  functions: Record<string, LocalFunction>,
  published: PutEventsRequestEntry[],
): LocalStateMachine {
  return new LocalStateMachine({
    name: "test",
    definition,
    resolveFunction: (arn) => {
      const name = arn.split(":function:dossier-")[1] ?? "";
      return functions[name] ?? (async () => Promise.reject(new Error(`${name} was not expected to run`)));
    },
    putEvents: async (entries) => {
      published.push(...entries);
      return { FailedEntryCount: 0, Entries: entries.map((_, index) => ({ EventId: `e${index}` })) };
    },
    retryIntervalOverrides: {
      AppendPart: 0,
      Finalize: 0,
      FailRun: 0,
      RecordAnnounced: 0,
      RecordFailureAnnounced: 0,
      UpdateLatest: 0,
      LoadPage: 0,
      Prepare: 0,
    },
  });
}

/**
 * AppendPart's output as the handler returns it: typed, so a change to what the handler returns
 * breaks these executions of the ASL that reads it.
 */
function appended(fields: Partial<Extract<AppendPartOutput, { refused: false }>>): AppendPartOutput {
  return {
    refused: false,
    ended: false,
    duplicate: false,
    allIn: false,
    status: "succeeded",
    ...fields,
  } as AppendPartOutput;
}

const profileUpdated = {
  runId: "run_0001abcd",
  companyId: "cik-0000320193",
  partsIn: ["sec" as const],
  partsMissing: ["leadership" as const],
  latestKey: "profiles/cik-0000320193/latest.json",
};

const partEvent = {
  "detail-type": "Extraction.PartCompleted",
  detail: { runId: "run_0001abcd", part: "sec" },
};

describe("workflow definitions", () => {
  it.each(StateMachineNames)("%s validates and calls only functions that exist", (name) => {
    const definition = Workflows[name](bindings);
    const known = new Set(FunctionNames.map((fn) => bindings.functionArn(fn)));
    for (const { state } of taskStates(definition)) {
      const resource = String(state.Resource);
      expect(resource === "arn:aws:states:::events:putEvents" || known.has(resource), resource).toBe(true);
    }
    expect(() =>
      machine(definition, Object.fromEntries(FunctionNames.map((fn) => [fn, async () => ({})])), []),
    ).not.toThrow();
  });
});

/** Every JSONPath string a definition holds, with the state it is in. */
function pathsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === "string" && value.startsWith("$.")) found.push(value);
  else if (Array.isArray(value)) for (const item of value) pathsIn(item, found);
  else if (value && typeof value === "object") for (const item of Object.values(value)) pathsIn(item, found);
  return found;
}

function resolves(example: unknown, segments: string[]): boolean {
  let current = example;
  for (const segment of segments) {
    if (!current || typeof current !== "object" || !(segment in current)) return false;
    current = (current as Record<string, unknown>)[segment];
  }
  return true;
}

describe("ProgressiveMerge reads what its tasks return", () => {
  // Typed as the handlers' outputs: a field renamed or dropped there no longer compiles here, and
  // a path the ASL reads that no output has fails below.
  const decision: TerminalDecision = {
    claimed: true,
    detailType: "Profile.Completed",
    detail: { runId: "run_0001abcd" },
    ledger: { runId: "run_0001abcd", deadlineAt: 1 },
    profile: { companyId: "cik-1", profileKey: "p.json", requestedAt: "2026-01-01T00:00:00.000Z" },
  };
  const results: Record<string, unknown[]> = {
    append: [
      { refused: true, reason: "foreign" } satisfies AppendPartOutput,
      appended({ allIn: false, updated: profileUpdated }),
    ],
    final: [decision, { claimed: false } satisfies TerminalDecision],
    failure: [decision],
  };

  it.each(
    pathsIn(Workflows.progressiveMerge(bindings).States).filter((p) =>
      /^\$\.(append|final|failure)\./.test(p),
    ),
  )("%s exists in a typed output of its task", (jsonPath) => {
    const [result, ...segments] = jsonPath.slice(2).split(".");
    expect(results[result ?? ""]?.some((example) => resolves(example, segments))).toBe(true);
  });
});

describe("ProgressiveMerge", () => {
  it("fails a refused part without recording, merging or publishing anything", async () => {
    const published: PutEventsRequestEntry[] = [];
    const refused: AppendPartOutput = { refused: true, reason: "part sec of run run_0001abcd is for cik-2" };
    const sm = machine(
      Workflows.progressiveMerge(bindings),
      { mergeAppendPart: async () => refused },
      published,
    );
    const execution = await sm.execute(partEvent);
    expect(execution.status).toBe("FAILED");
    expect(execution.error).toMatch(/PartRefused/);
    expect(published).toEqual([]);
  });

  it("publishes nothing for an unsuccessful part while other parts are missing", async () => {
    const published: PutEventsRequestEntry[] = [];
    const sm = machine(
      Workflows.progressiveMerge(bindings),
      { mergeAppendPart: async () => appended({ status: "failed" }) },
      published,
    );
    const execution = await sm.execute(partEvent);
    expect(execution.status).toBe("SUCCEEDED");
    expect(published).toEqual([]);
  });

  it("publishes Profile.Updated while a part is still missing", async () => {
    const published: PutEventsRequestEntry[] = [];
    const sm = machine(
      Workflows.progressiveMerge(bindings),
      { mergeAppendPart: async () => appended({ allIn: false, updated: profileUpdated }) },
      published,
    );
    const execution = await sm.execute(partEvent);
    expect(execution.status).toBe("SUCCEEDED");
    expect(published.map((entry) => entry.DetailType)).toEqual(["Profile.Updated"]);
    expect(JSON.parse(published[0]?.Detail ?? "{}")).toEqual(profileUpdated);
  });

  it("merges, publishes the terminal event the finalizer claimed, then updates latest.json", async () => {
    const published: PutEventsRequestEntry[] = [];
    const latestUpdatedAfter: number[] = [];
    const announcedAfter: { published: number; input: unknown }[] = [];
    const sm = machine(
      Workflows.progressiveMerge(bindings),
      {
        mergeAppendPart: async () => appended({ allIn: true }),
        mergeFinalize: async (input) => ({
          claimed: true,
          detailType: "Profile.Completed",
          detail: { runId: (input as { runId: string }).runId },
          profile: { companyId: "cik-1", profileKey: "p.json", requestedAt: "2026-01-01T00:00:00.000Z" },
        }),
        mergeRecordAnnounced: async (input) => {
          announcedAfter.push({ published: published.length, input });
          return null;
        },
        mergeUpdateLatest: async (input) => {
          expect(announcedAfter).toHaveLength(1);
          expect(input).toEqual({
            final: {
              claimed: true,
              detailType: "Profile.Completed",
              detail: { runId: "run_0001abcd" },
              profile: { companyId: "cik-1", profileKey: "p.json", requestedAt: "2026-01-01T00:00:00.000Z" },
            },
          });
          latestUpdatedAfter.push(published.length);
          return null;
        },
      },
      published,
    );
    const execution = await sm.execute(partEvent);
    expect(execution.status).toBe("SUCCEEDED");
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ DetailType: "Profile.Completed", Source: "dossier.merge" });
    expect(latestUpdatedAfter).toEqual([1]);
    expect(announcedAfter).toEqual([
      {
        published: 1,
        input: { decision: expect.objectContaining({ claimed: true, detailType: "Profile.Completed" }) },
      },
    ]);
  });

  it("publishes nothing when another execution already ended the run", async () => {
    const published: PutEventsRequestEntry[] = [];
    const sm = machine(
      Workflows.progressiveMerge(bindings),
      {
        mergeAppendPart: async () => appended({ allIn: true }),
        mergeFinalize: async () => ({ claimed: false }),
      },
      published,
    );
    expect((await sm.execute(partEvent)).status).toBe("SUCCEEDED");
    expect(published).toEqual([]);
  });

  it("retries a failing merge, then ends the run as Extraction.Failed and fails the execution", async () => {
    const published: PutEventsRequestEntry[] = [];
    const announced: { published: number; input: unknown }[] = [];
    let attempts = 0;
    const sm = machine(
      Workflows.progressiveMerge(bindings),
      {
        mergeAppendPart: async () => appended({ allIn: true }),
        mergeFinalize: async () => {
          attempts += 1;
          throw new Error("S3 unavailable");
        },
        mergeFailRun: async (input) => ({
          claimed: true,
          detail: { runId: "run_0001abcd", reason: (input as { error: { Cause: string } }).error.Cause },
        }),
        mergeRecordAnnounced: async (input) => {
          announced.push({ published: published.length, input });
          return null;
        },
      },
      published,
    );
    const execution = await sm.execute(partEvent);
    expect(announced).toEqual([
      { published: 1, input: { decision: expect.objectContaining({ claimed: true }) } },
    ]);
    expect(attempts).toBe(5);
    expect(execution.status).toBe("FAILED");
    expect(published.map((entry) => entry.DetailType)).toEqual(["Extraction.Failed"]);
    expect(JSON.parse(published[0]?.Detail ?? "{}").reason).toContain("S3 unavailable");
  });
});

describe("BatchFanOut", () => {
  it("publishes every page in PutEvents calls of at most ten entries", async () => {
    const published: PutEventsRequestEntry[] = [];
    const calls: number[] = [];
    const sm = new LocalStateMachine({
      name: "fan",
      definition: Workflows.batchFanOut(bindings),
      resolveFunction: (arn) =>
        ({
          batchPrepare: async () => ({ pages: [{ page: 0 }, { page: 1 }] }),
          batchLoadPage: async (input: unknown) => ({
            entries: Array.from({ length: (input as { page: number }).page === 0 ? 23 : 7 }, (_, index) => ({
              Source: "dossier.batch",
              DetailType: "Extraction.Requested",
              Detail: JSON.stringify({ index }),
              EventBusName: "dossier",
            })),
          }),
        })[arn.split(":function:dossier-")[1] ?? ""] as LocalFunction | undefined,
      putEvents: async (entries) => {
        calls.push(entries.length);
        published.push(...entries);
        return { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: "e" })) };
      },
    });
    expect((await sm.execute({ detail: { batchId: "batch_1" } })).status).toBe("SUCCEEDED");
    expect(published).toHaveLength(30);
    expect(calls.sort((a, b) => a - b)).toEqual([3, 7, 10, 10]);
  });
});
