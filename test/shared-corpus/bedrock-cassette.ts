import { readFileSync } from "node:fs";
import path from "node:path";
import type { ConverseCommandOutput } from "@aws-sdk/client-bedrock-runtime";

type Recorded = {
  interactions: { response: { body: { output: { message: { content: { toolUse?: unknown }[] } } } } }[];
};

/**
 * A Converse response recorded from Bedrock with a tool call (in the shared corpus), its tool name
 * and input replaced: the answer a test wants, in the exact shape the service returns.
 */
export function recordedToolResponse(
  corpusDir: string,
  toolName: string,
  input: unknown,
): ConverseCommandOutput {
  const file = path.join(corpusDir, "bedrock", "test_bedrock_model_structured_output.converse_pairs.json");
  const recorded = JSON.parse(readFileSync(file, "utf8")) as Recorded;
  const body = structuredClone(
    recorded.interactions
      .map((interaction) => interaction.response.body)
      .find((candidate) => candidate.output.message.content.some((block) => block.toolUse)),
  );
  if (!body) throw new Error("the recorded cassette has no tool call");
  const block = body.output.message.content.find((content) => content.toolUse) as {
    toolUse: Record<string, unknown>;
  };
  block.toolUse = { ...block.toolUse, name: toolName, input };
  return { ...(body as unknown as ConverseCommandOutput), $metadata: {} };
}
