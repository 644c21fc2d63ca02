import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, expect, it } from "vitest";
import { corpusDir, describeOnSharedCorpus, recordedToolResponse } from "../../../../../test/shared-corpus";
import { EightKToolName, readLeadershipChangesWithModel } from "./eight-k-model";

const ItemText = `Item 5.02 Departure of Directors or Certain Officers.
On March 3, 2026, the Board of Directors accepted the decision of Dana Whitfield to relinquish her duties as
Chief Operating Officer, effective March 31, 2026.
The Board thanked Ms. Whitfield for her service.`;
const Evidence =
  "On March 3, 2026, the Board of Directors accepted the decision of Dana Whitfield to relinquish her duties as Chief Operating Officer, effective March 31, 2026.";

describeOnSharedCorpus("readLeadershipChangesWithModel", () => {
  const bedrock = mockClient(BedrockRuntimeClient);
  beforeEach(() => bedrock.reset());
  const options = () => ({ client: new BedrockRuntimeClient({ region: "us-east-1" }), modelId: "model-a" });

  it("keeps a change whose person and evidence sentence are in the item, marked as read by the model", async () => {
    bedrock.on(ConverseCommand).resolves(
      recordedToolResponse(corpusDir, EightKToolName, {
        changes: [
          {
            person: "Dana Whitfield",
            change: "departed",
            role: "Chief Operating Officer",
            effectiveDate: "2026-03-31",
            evidence: Evidence,
          },
        ],
      }),
    );

    const changes = await readLeadershipChangesWithModel(ItemText, "https://www.sec.gov/x.txt", options());

    expect(changes).toEqual([
      {
        person: "Dana Whitfield",
        change: "departed",
        role: "Chief Operating Officer",
        effectiveDate: "2026-03-31",
        evidence: Evidence,
        method: "bedrock",
      },
    ]);
    const input = bedrock.commandCalls(ConverseCommand)[0]?.args[0].input;
    expect(input?.toolConfig?.toolChoice).toEqual({ tool: { name: EightKToolName } });
    expect(JSON.stringify(input?.messages)).toContain("relinquish her duties");
  });

  it("drops people and sentences the item does not contain, and roles and dates its sentence does not state", async () => {
    bedrock.on(ConverseCommand).resolves(
      recordedToolResponse(corpusDir, EightKToolName, {
        changes: [
          { person: "Invented Person", change: "appointed", evidence: "Invented Person was appointed CEO." },
          // The sentence is real but names someone else.
          { person: "Ravi Menon", change: "departed", evidence: Evidence },
          {
            person: "Dana Whitfield",
            change: "departed",
            role: "President",
            effectiveDate: "2027-01-01",
            evidence: Evidence,
          },
        ],
      }),
    );

    const changes = await readLeadershipChangesWithModel(ItemText, "https://www.sec.gov/x.txt", options());

    expect(changes).toEqual([
      { person: "Dana Whitfield", change: "departed", evidence: Evidence, method: "bedrock" },
    ]);
  });
});
