import { extractLeadershipPart } from "@dossier/core/leadership";
import { createSafeFetcher } from "@dossier/core/net";
import { createCircuitBreaker } from "@dossier/core/resilience";
import { Sources } from "@dossier/events";
import { store } from "./shared/clients";
import { createExtractorHandler, publishCircuitTransition } from "./shared/extractor";

const userAgent = () =>
  process.env.DOSSIER_WEB_USER_AGENT ?? "dossier/0.1 (+https://github.com/dossier; company profile builder)";

/** Subscribes to Extraction.Requested (parts include "leadership"): the team from the company website. */
export const handler = createExtractorHandler("leadership", Sources.leadership, async (request) => {
  const website = request.company.website;
  const fetcher = createSafeFetcher({ userAgent: userAgent() });
  const extract = () => extractLeadershipPart({ request: { name: request.company.name, website }, fetcher });
  if (!website) return extract();
  // One circuit per host: a site that keeps failing is left alone for a while, others are not.
  const breaker = createCircuitBreaker({
    store: store(),
    upstream: `web:${new URL(website).host}`,
    onTransition: publishCircuitTransition,
    isFailure: (error) => (error as { retryable?: boolean }).retryable === true,
  });
  return breaker.execute(extract);
});
