import { createCircuitBreaker } from "@dossier/core/resilience";
import { extractSecPart } from "@dossier/core/sec";
import { Sources } from "@dossier/events";
import { store } from "./shared/clients";
import { createExtractorHandler, publishCircuitTransition } from "./shared/extractor";
import { secClient, tickerIndex } from "./shared/sec";

let breaker: ReturnType<typeof createCircuitBreaker> | undefined;

/** Subscribes to Extraction.Requested (parts include "sec"): EDGAR identity, financials, officers. */
export const handler = createExtractorHandler("sec", Sources.sec, async (request) => {
  breaker ??= createCircuitBreaker({
    store: store(),
    upstream: "sec",
    onTransition: publishCircuitTransition,
    // Only an unwell SEC counts against the circuit; a 404 or an ambiguous name is an answer.
    isFailure: (error) => (error as { retryable?: boolean }).retryable === true,
  });
  return breaker.execute(async () => {
    const result = await extractSecPart({
      request: request.company,
      client: secClient(),
      now: () => new Date(),
      tickerIndex: await tickerIndex(),
    });
    return result.status === "succeeded"
      ? { status: "succeeded", data: result.data, completeness: result.completeness, missing: result.missing }
      : { status: "skipped", completeness: 0, missing: result.missing, reason: result.reason };
  });
});
