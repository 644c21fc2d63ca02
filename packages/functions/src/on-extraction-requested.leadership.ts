import { readSetting } from "@dossier/core/config";
import { extractLeadershipPart } from "@dossier/core/leadership";
import { createSafeFetcher } from "@dossier/core/net";
import { Sources } from "@dossier/events";
import { bedrockFallback } from "./shared/bedrock";
import { createExtractorHandler, upstreamCircuit } from "./shared/extractor";

/** Subscribes to Extraction.Requested (parts include "leadership"): the team from the company website. */
export const handler = createExtractorHandler("leadership", Sources.leadership, async (request) => {
  const website = request.company.website;
  const fetcher = createSafeFetcher({
    userAgent: readSetting("DOSSIER_WEB_USER_AGENT"),
    // Local runs fetch their fixture sites on loopback; deployed functions never set it.
    allowPrivateNetwork: readSetting("DOSSIER_ALLOW_PRIVATE_NETWORK"),
  });
  const bedrock = bedrockFallback();
  const extract = () =>
    extractLeadershipPart({
      request: { name: request.company.name, website },
      fetcher,
      ...(bedrock ? { bedrock } : {}),
    });
  if (!website) return extract();
  // One circuit per host: a site that keeps failing is left alone for a while, others are not.
  const breaker = upstreamCircuit(`web:${new URL(website).host}`);
  return breaker.execute(extract);
});
