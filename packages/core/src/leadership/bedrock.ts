import { z } from "zod";
import { type BedrockOptions, callTool } from "../bedrock";
import { normalizeText } from "./normalize";
import { relevantText } from "./page-text";
import { type LeadershipPerson, PersonCategory } from "./schema";
import { canonicalRoles } from "./titles";

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

const SYSTEM_PROMPT =
  "You read company leadership web pages. Call the tool once with every person the page lists as a corporate " +
  "executive, board member, or leader of a brand/subsidiary. Copy names and titles verbatim. Do not invent anyone.";

/**
 * Asks a Bedrock model for the people on a page, as a fallback or enhancer of the deterministic
 * extractor. People whose names do not occur in the page text are dropped.
 */
export async function extractWithBedrock(
  html: string,
  sourceUrl: string,
  options: BedrockOptions,
): Promise<LeadershipPerson[]> {
  const text = relevantText(html, options.maxChars ?? 12_000);
  const answer = await callTool(options, {
    system: SYSTEM_PROMPT,
    text,
    heading: `Page ${sourceUrl}`,
    tool: {
      name: TOOL_NAME,
      description: "Record the people listed on a company leadership page",
      input: BedrockLeadershipAnswer,
    },
  });
  const pageText = ` ${normalizeText(text)} `;
  return answer.people
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
