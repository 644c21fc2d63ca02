import { LeadershipChange } from "@dossier/events";
import { z } from "zod";
import { type BedrockOptions, callTool } from "../../bedrock";
import { normalizeText } from "../../leadership/normalize";

export const EightKToolName = "record_leadership_changes";

/** The tool input the model must produce; also the source of the tool's JSON Schema. */
export const EightKChangesAnswer = z.object({
  changes: z
    .array(
      z.object({
        person: z.string().min(1).max(300).describe("The person's full name exactly as written in the item"),
        change: LeadershipChange.shape.change.describe(
          "departed: resigned, retired, was terminated or will leave; appointed: named to an office; elected: elected a director; role changed: moved to another role at the company",
        ),
        role: z
          .string()
          .max(500)
          .optional()
          .describe("The office or board seat concerned, exactly as written in the item"),
        effectiveDate: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional()
          .describe("When the change takes effect, YYYY-MM-DD, only when the item states the date"),
        evidence: z
          .string()
          .min(1)
          .max(1000)
          .describe("The sentence of the item that reports the change, copied verbatim"),
      }),
    )
    .max(100)
    .describe("Every change of a director or officer the item reports; none for pay or agreements alone"),
});

const SystemPrompt =
  "You read Item 5.02 of SEC Form 8-K filings (departure, election or appointment of directors and officers). " +
  "Call the tool once with every change of a director or officer the item reports. Copy names, roles and the " +
  "evidence sentence verbatim from the item. Do not report compensation, agreements or boilerplate, and do not " +
  "invent anyone.";

/**
 * Words only, lower case, space-padded: "Ms. Whitfield, age 52," contains " whitfield " and a
 * phrase is found at word boundaries whatever the punctuation and line breaks around it.
 */
const comparable = (text: string) => ` ${normalizeText(text)} `;

/**
 * Asks a Bedrock model for the changes an 8-K's Item 5.02 reports, for wording the sentence
 * patterns do not read. An answer is kept only where the filing says it: the person's name and the
 * evidence sentence must occur in the item, the name within that sentence; a role the sentence
 * does not contain, or a date whose year it does not mention, is dropped rather than trusted.
 */
export async function readLeadershipChangesWithModel(
  itemText: string,
  filingUrl: string,
  options: BedrockOptions,
): Promise<LeadershipChange[]> {
  const text = itemText.slice(0, options.maxChars ?? 20_000);
  const answer = await callTool(options, {
    system: SystemPrompt,
    text,
    heading: `Item 5.02 of the 8-K ${filingUrl}`,
    tool: {
      name: EightKToolName,
      description: "Record the director and officer changes an 8-K Item 5.02 reports",
      input: EightKChangesAnswer,
    },
  });
  const item = comparable(text);
  return answer.changes.flatMap((change): LeadershipChange[] => {
    const evidence = comparable(change.evidence);
    const person = comparable(change.person);
    if (!item.includes(evidence) || !evidence.includes(person)) return [];
    const role = change.role && evidence.includes(comparable(change.role)) ? change.role : undefined;
    return [
      {
        person: change.person.trim(),
        change: change.change,
        ...(role ? { role: role.trim() } : {}),
        // A date whose year the sentence does not mention is the model's guess, not the filing's.
        ...(change.effectiveDate && evidence.includes(change.effectiveDate.slice(0, 4))
          ? { effectiveDate: change.effectiveDate }
          : {}),
        evidence: change.evidence.replace(/\s+/g, " ").trim(),
        method: "bedrock",
      },
    ];
  });
}
