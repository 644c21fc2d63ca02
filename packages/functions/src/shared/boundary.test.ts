import {
  BatchRequested,
  ExtractionFailed,
  InvalidEventError,
  isRetryable,
  ProfileCompleted,
  TerminalEvents,
} from "@dossier/events";
import { describe, expect, it, vi } from "vitest";
import { sampleDetails } from "../../../../events/test/samples";
import { onEvent, onRequest, onTaskEvent } from "./boundary";

function envelope(detailType: string, detail: unknown) {
  return {
    version: "0",
    id: "7bf73129-1428-4cd3-a780-95db273d1602",
    "detail-type": detailType,
    source: "dossier.merge",
    account: "123456789012",
    time: "2026-11-02T10:00:00Z",
    region: "us-east-1",
    resources: [],
    detail,
  };
}

describe("a handler's boundary", () => {
  it("hands the work a parsed event of one of its detail-types", async () => {
    const work = vi.fn(
      async (event: { "detail-type": string; detail: { runId: string } }) => event.detail.runId,
    );
    const handler = onEvent(TerminalEvents, work);

    await expect(
      handler(envelope(ProfileCompleted.detailType, sampleDetails["Profile.Completed"])),
    ).resolves.toBe(sampleDetails["Profile.Completed"].runId);
    await expect(
      handler(envelope(ExtractionFailed.detailType, sampleDetails["Extraction.Failed"])),
    ).resolves.toBe(sampleDetails["Extraction.Failed"].runId);
    expect(work).toHaveBeenCalledTimes(2);
  });

  it.each([
    ["another detail-type", envelope("Profile.Updated", sampleDetails["Profile.Updated"]), /Profile.Updated/],
    [
      "a detail missing a required field",
      envelope(ProfileCompleted.detailType, { ...sampleDetails["Profile.Completed"], latestKey: undefined }),
      /latestKey/,
    ],
    ["no envelope at all", { detail: sampleDetails["Profile.Completed"] }, /detail-type/],
  ])("refuses %s as a permanent error before any work", async (_, event, reason) => {
    const work = vi.fn(async () => "worked");
    const failure = await onEvent(TerminalEvents, work)(event).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(InvalidEventError);
    expect((failure as Error).message).toMatch(reason);
    expect(isRetryable(failure)).toBe(false);
    expect(work).not.toHaveBeenCalled();
  });

  it("parses the event a workflow task is given under `event`", async () => {
    const handler = onTaskEvent([BatchRequested], async ({ detail }) => detail.batchId);

    await expect(
      handler({ event: envelope(BatchRequested.detailType, sampleDetails["Batch.Requested"]) }),
    ).resolves.toBe(sampleDetails["Batch.Requested"].batchId);
    await expect(
      handler({ event: envelope(BatchRequested.detailType, { batchId: "b" }) }),
    ).rejects.toBeInstanceOf(InvalidEventError);
  });

  it("admits a valid request and hands an invalid one over as a rejection, not an error", async () => {
    const handler = onRequest(async (admission) => admission);

    const admitted = await handler(envelope("Extraction.Requested", sampleDetails["Extraction.Requested"]));
    const refused = await handler(
      envelope("Extraction.Requested", { runId: "run_0001abcd", company: { website: "file:///etc/passwd" } }),
    );

    expect(admitted).toMatchObject({ admitted: true, companyId: "cik-0009900001" });
    expect(refused).toMatchObject({
      admitted: false,
      rejection: { code: "invalid-request", runId: "run_0001abcd" },
    });
    await expect(handler({ detail: {} })).rejects.toThrow(/id/);
  });
});
