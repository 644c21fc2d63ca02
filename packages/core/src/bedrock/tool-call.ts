import { createHash } from "node:crypto";
import { type BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import { DossierError } from "@dossier/events";
import { z } from "zod";

/** Where Bedrock answers are remembered; the handlers back it with DynamoDB. */
export interface AnswerCache {
  get(key: string): Promise<unknown | undefined>;
  put(key: string, value: unknown): Promise<void>;
}

export type BedrockOptions = {
  client: Pick<BedrockRuntimeClient, "send">;
  modelId: string;
  cache?: AnswerCache;
  /** Cap on the document text sent to the model. */
  maxChars?: number;
};

/** The model answered, but not with a valid call of the tool it was given. */
export class BedrockAnswerError extends DossierError {
  constructor(modelId: string, toolName: string, detail: string) {
    super(`Bedrock model ${modelId} did not return a usable ${toolName} call: ${detail}`, {
      retryable: true,
    });
  }
}

/** Cache key: the model and a hash of exactly what it was shown. */
export function answerCacheKey(modelId: string, content: string): string {
  return `bedrock:${modelId}:${createHash("sha256").update(content).digest("hex")}`;
}

export interface ToolCallRequest<Answer extends z.ZodType> {
  system: string;
  /** The document text the answer must come from; the cache key hashes it. */
  text: string;
  /** What precedes the text in the user message ("Page https://…"). */
  heading: string;
  tool: { name: string; description: string; input: Answer };
}

function inputSchema(answer: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(answer) as Record<string, unknown>;
  return schema;
}

function toolInput(output: unknown, toolName: string): unknown {
  const content = (output as { message?: { content?: { toolUse?: { name?: string; input?: unknown } }[] } })
    ?.message?.content;
  return content?.find((block) => block.toolUse?.name === toolName)?.toolUse?.input;
}

/**
 * Asks a Bedrock model (Converse API, one tool whose call is forced, temperature 0) to read a
 * document, validates the tool input with zod and caches valid answers by (model, sha256 of the
 * text). Callers still check the answer against the text: a model can name what is not there.
 * @throws BedrockAnswerError when the model does not call the tool or calls it with invalid input.
 */
export async function callTool<Answer extends z.ZodType>(
  options: BedrockOptions,
  request: ToolCallRequest<Answer>,
): Promise<z.infer<Answer>> {
  const key = answerCacheKey(options.modelId, request.text);
  let raw = await options.cache?.get(key);
  const fresh = raw === undefined;
  if (fresh) {
    const response = await options.client.send(
      new ConverseCommand({
        modelId: options.modelId,
        system: [{ text: request.system }],
        messages: [{ role: "user", content: [{ text: `${request.heading}:\n\n${request.text}` }] }],
        inferenceConfig: { temperature: 0, maxTokens: 4000 },
        toolConfig: {
          tools: [
            {
              toolSpec: {
                name: request.tool.name,
                description: request.tool.description,
                inputSchema: { json: inputSchema(request.tool.input) as never },
              },
            },
          ],
          toolChoice: { tool: { name: request.tool.name } },
        },
      }),
    );
    raw = toolInput(response.output, request.tool.name);
    if (raw === undefined)
      throw new BedrockAnswerError(
        options.modelId,
        request.tool.name,
        `stop reason ${response.stopReason ?? "unknown"}`,
      );
  }
  const parsed = request.tool.input.safeParse(raw);
  if (!parsed.success) throw new BedrockAnswerError(options.modelId, request.tool.name, parsed.error.message);
  if (fresh) await options.cache?.put(key, parsed.data);
  return parsed.data;
}
