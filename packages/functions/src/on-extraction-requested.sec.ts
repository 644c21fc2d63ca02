import { extractSecPart } from "@dossier/core/sec";
import { Sources } from "@dossier/events";
import { createExtractorHandler, upstreamCircuit } from "./shared/extractor";
import { secClient, tickerIndex } from "./shared/sec";

let breaker: ReturnType<typeof upstreamCircuit> | undefined;

/** Subscribes to Extraction.Requested (parts include "sec"): EDGAR identity, financials, officers. */
export const handler = createExtractorHandler("sec", Sources.sec, async (request) => {
  breaker ??= upstreamCircuit("sec");
  return breaker.execute(async () => {
    const result = await extractSecPart({
      request: request.company,
      client: secClient(),
      now: () => new Date(),
      loadTickerIndex: tickerIndex,
    });
    return result.status === "succeeded"
      ? { status: "succeeded", data: result.data, completeness: result.completeness, missing: result.missing }
      : { status: "skipped", completeness: 0, missing: result.missing, reason: result.reason };
  });
});
