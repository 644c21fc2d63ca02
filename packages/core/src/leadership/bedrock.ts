import { createHash } from "node:crypto";
import { type BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import { DossierError } from "@dossier/events";
import { z } from "zod";
import { normalizeText } from "./normalize";
import { relevantText } from "./page-text";
import { type LeadershipPerson, PersonCategory } from "./schema";
import { canonicalRoles } from "./titles";

/** Where Bedrock answers are remembered; the lead backs it with DynamoDB. */
export interface AnswerCache {
  get(key: string): Promise<unknown | undefined>;
  put(key: string, value: unknown): Promise<void>;
}

export const TOOL_NAME = "record_leadership";

/** The tool input the model must produce; also the source of the tool's JSON Schema. */
export const BedrockLeadershipAnswer = z.object({
  people: z
    .array(
      z.object({
        name: z.string().min(1).describe("Full name exactly as written on the page"),
        title: z.string().describe("Job title exactly as written on the page"),
        category: PersonCategory.describe(
          "executive: officer of the company itself; board: board member; subsidiary: leader of a brand, subsidiary or division",
        ),
        organization: z.string().optional().describe("Brand or subsidiary led, for category subsidiary"),
      }),
    )
    .describe(
      "Every person the page lists as a leader, board member or brand leader; nobody from quotes or news",
    ),
});
export type BedrockLeadershipAnswer = z.infer<typeof BedrockLeadershipAnswer>;

export type BedrockOptions = {
  client: Pick<BedrockRuntimeClient, "send">;
  modelId: string;
  cache?: AnswerCache;
  /** Cap on the page text sent to the model. */
  maxChars?: number;
};

/** The model answered, but not with a valid call of our tool. */
export class BedrockAnswerError extends DossierError {
  constructor(modelId: string, detail: string) {
    super(`Bedrock model ${modelId} did not return a usable ${TOOL_NAME} call: ${detail}`, {
      retryable: true,
    });
  }
}

const SYSTEM_PROMPT =
  "You read company leadership web pages. Call the tool once with every person the page lists as a corporate " +
  "executive, board member, or leader of a brand/subsidiary. Copy names and titles verbatim. Do not invent anyone.";

function inputSchema(): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(BedrockLeadershipAnswer) as Record<string, unknown>;
  return schema;
}

/** Cache key: the model and a hash of exactly what it was shown. */
export function answerCacheKey(modelId: string, content: string): string {
  return `bedrock:${modelId}:${createHash("sha256").update(content).digest("hex")}`;
}

function toolInput(output: unknown): unknown {
  const content = (output as { message?: { content?: { toolUse?: { name?: string; input?: unknown } }[] } })
    ?.message?.content;
  return content?.find((block) => block.toolUse?.name === TOOL_NAME)?.toolUse?.input;
}

/**
 * Asks a Bedrock model (Converse API, our tool forced) for the people on a page, as a fallback or enhancer of
 * the deterministic extractor. Answers are validated with zod, people whose names do not occur in the page
 * text are dropped, and answers are cached by (model, sha256 of the text sent).
 */
export async function extractWithBedrock(
  html: string,
  sourceUrl: string,
  options: BedrockOptions,
): Promise<LeadershipPerson[]> {
  const text = relevantText(html, options.maxChars ?? 12_000);
  const key = answerCacheKey(options.modelId, text);
  let raw = await options.cache?.get(key);
  const fresh = raw === undefined;
  if (fresh) {
    const response = await options.client.send(
      new ConverseCommand({
        modelId: options.modelId,
        system: [{ text: SYSTEM_PROMPT }],
        messages: [{ role: "user", content: [{ text: `Page ${sourceUrl}:\n\n${text}` }] }],
        inferenceConfig: { temperature: 0, maxTokens: 4000 },
        toolConfig: {
          tools: [
            {
              toolSpec: {
                name: TOOL_NAME,
                description: "Record the people listed on a company leadership page",
                inputSchema: { json: inputSchema() as never },
              },
            },
          ],
          toolChoice: { tool: { name: TOOL_NAME } },
        },
      }),
    );
    raw = toolInput(response.output);
    if (raw === undefined)
      throw new BedrockAnswerError(options.modelId, `stop reason ${response.stopReason ?? "unknown"}`);
  }
  const parsed = BedrockLeadershipAnswer.safeParse(raw);
  if (!parsed.success) throw new BedrockAnswerError(options.modelId, parsed.error.message);
  if (fresh) await options.cache?.put(key, parsed.data);
  const pageText = ` ${normalizeText(text)} `;
  return parsed.data.people
    .filter((p) => normalizeText(p.name).length > 0 && pageText.includes(` ${normalizeText(p.name)} `))
    .map((p) => ({
      name: p.name,
      title: p.title,
      roles: canonicalRoles(p.title),
      category: p.category,
      ...(p.organization ? { organization: p.organization } : {}),
      sourceUrl,
      confidence: 0.6,
      method: "bedrock" as const,
    }));
}
