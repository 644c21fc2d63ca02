import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import type { AnswerCache, BedrockOptions } from "@dossier/core/bedrock";
import { readSetting } from "@dossier/core/config";
import { cache } from "./clients";
import { traced } from "./observability";

// Bedrock answers are cached by (model, content hash) for a week: the same text gets the same answer.
const bedrockAnswerTtlSeconds = 7 * 24 * 60 * 60;

let bedrockClient: BedrockRuntimeClient | undefined;

/**
 * The Bedrock fallback for text the deterministic readers cannot read with confidence, only when
 * DOSSIER_BEDROCK_MODEL names a model; never a requirement.
 */
export function bedrockFallback(): BedrockOptions | undefined {
  const modelId = readSetting("DOSSIER_BEDROCK_MODEL");
  if (!modelId) return undefined;
  bedrockClient ??= traced(new BedrockRuntimeClient({}));
  const answers: AnswerCache = {
    get: (key) => cache().get("bedrock", key),
    put: (key, value) => cache().put("bedrock", key, value, bedrockAnswerTtlSeconds),
  };
  return { client: bedrockClient, modelId, cache: answers };
}
