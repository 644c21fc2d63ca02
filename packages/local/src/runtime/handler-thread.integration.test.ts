import { describe, expect, it } from "vitest";
import { deserializeError, serializeError } from "./handler-protocol";
import { HandlerThread, HandlerThreadExitedError } from "./handler-thread";

class ThrottledError extends Error {
  override name = "ThrottledError";
  readonly retryable = true;
  readonly status = 429;
}

describe("handler protocol", () => {
  it("keeps an error's name, message and flags across threads", () => {
    const crossed = deserializeError(
      structuredClone(serializeError(new ThrottledError("slow down"))),
    ) as Error & { retryable?: boolean; status?: number };
    expect(crossed).toBeInstanceOf(Error);
    expect({
      name: crossed.name,
      message: crossed.message,
      retryable: crossed.retryable,
      status: crossed.status,
    }).toEqual({
      name: "ThrottledError",
      message: "slow down",
      retryable: true,
      status: 429,
    });
  });

  it("turns a thrown non-error into an error with its text", () => {
    expect(deserializeError(serializeError("plain text"))).toMatchObject({
      name: "Error",
      message: "plain text",
    });
  });
});

describe("the handler thread", () => {
  it("runs the deployed handler modules and hands back their results and errors", async () => {
    const thread = new HandlerThread();
    try {
      const arn = "arn:aws:lambda:us-east-1:000000000000:function:dossier-test";
      // Nothing claimed: UpdateLatest has nothing to do and touches no AWS endpoint.
      await expect(
        thread.invoke("mergeUpdateLatest", arn, { final: { claimed: false } }),
      ).resolves.toBeUndefined();
      // An event that is not a PartCompleted is refused by the contract, before any AWS call.
      const refused = await thread
        .invoke("mergeAppendPart", arn, { event: { detail: {} } })
        .catch((error) => error);
      expect(refused).toMatchObject({
        name: "InvalidEventError",
        retryable: false,
        detailType: "Extraction.PartCompleted",
      });
      expect((refused as Error).message).toContain("Extraction.PartCompleted event is not valid");
    } finally {
      await thread.stop();
    }
    await expect(thread.invoke("mergeUpdateLatest", "arn", {})).rejects.toBeInstanceOf(
      HandlerThreadExitedError,
    );
  }, 30_000);
});
