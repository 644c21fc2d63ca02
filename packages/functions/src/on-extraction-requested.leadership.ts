import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { readSetting } from "@dossier/core/config";
import { type AnswerCache, extractLeadershipPart } from "@dossier/core/leadership";
import { createSafeFetcher } from "@dossier/core/net";
import { Sources } from "@dossier/events";
import { cache } from "./shared/clients";
import { createExtractorHandler, upstreamCircuit } from "./shared/extractor";
import { traced } from "./shared/observability";

// Bedrock answers are cached by (model, content hash) for a week: the same page gets the same answer.
const bedrockAnswerTtlSeconds = 7 * 24 * 60 * 60;

let bedrockClient: BedrockRuntimeClient | undefined;

/** The Bedrock fallback, only when DOSSIER_BEDROCK_MODEL names a model; never a requirement. */
function bedrockFallback() {
  if (!readSetting("DOSSIER_BEDROCK_MODEL")) return undefined;
  bedrockClient ??= traced(new BedrockRuntimeClient({}));
  const answers: AnswerCache = {
    get: (key) => cache().get("bedrock", key),
    put: (key, value) => cache().put("bedrock", key, value, bedrockAnswerTtlSeconds),
  };
  return { client: bedrockClient, cache: answers };
}

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
