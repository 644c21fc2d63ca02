import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, expect, it } from "vitest";
import {
  corpusDir,
  describeOnSharedCorpus,
  recordedToolResponse as recordedCall,
} from "../../../../test/shared-corpus";
import { type AnswerCache, BedrockAnswerError } from "../bedrock";
import { extractWithBedrock, TOOL_NAME } from "./bedrock";

/** A recorded Converse response whose tool call carries `input`. */
const recordedToolResponse = (input: unknown) => recordedCall(corpusDir, TOOL_NAME, input);

const PAGE = `<html><body><nav><a href="/">Home</a></nav><main><h1>Leadership</h1>
<div class="x">Ada Quinlan</div><div class="y">Chief Executive Officer</div>
<div class="x">Rufus Okoro</div><div class="y">Finance chief</div></main></body></html>`;

function memoryCache(): AnswerCache & { store: Map<string, unknown> } {
  const store = new Map<string, unknown>();
  return { store, get: async (key) => store.get(key), put: async (key, value) => void store.set(key, value) };
}

describeOnSharedCorpus("extractWithBedrock", () => {
  const bedrock = mockClient(BedrockRuntimeClient);
  beforeEach(() => bedrock.reset());

  it("forces our tool with a schema from zod and keeps only people whose names are on the page", async () => {
    bedrock.on(ConverseCommand).resolves(
      recordedToolResponse({
        people: [
          { name: "Ada Quinlan", title: "Chief Executive Officer", category: "executive" },
          { name: "Rufus Okoro", title: "Chief Financial Officer", category: "executive" },
          { name: "Invented Person", title: "Chief Operating Officer", category: "executive" },
        ],
      }),
    );
    const people = await extractWithBedrock(PAGE, "https://example.com/leadership", {
      client: new BedrockRuntimeClient({ region: "us-east-1" }),
      modelId: "us.amazon.nova-micro-v1:0",
    });
    expect(people.map((p) => [p.name, p.roles, p.method])).toEqual([
      ["Ada Quinlan", ["CEO"], "bedrock"],
      ["Rufus Okoro", ["CFO"], "bedrock"],
    ]);
    const input = bedrock.commandCalls(ConverseCommand)[0]?.args[0].input;
    expect(input?.toolConfig?.toolChoice).toEqual({ tool: { name: TOOL_NAME } });
    const schema = input?.toolConfig?.tools?.[0]?.toolSpec?.inputSchema?.json as Record<string, unknown>;
    expect(schema.type).toBe("object");
    expect(schema).not.toHaveProperty("$schema");
    const prompt = JSON.stringify(input?.messages);
    expect(prompt).toContain("Ada Quinlan");
    expect(prompt).not.toContain("<div");
    expect(prompt).not.toContain("Home");
  });

  it("answers a second time from the cache, keyed by model and content hash", async () => {
    bedrock.on(ConverseCommand).resolves(
      recordedToolResponse({
        people: [{ name: "Ada Quinlan", title: "Chief Executive Officer", category: "executive" }],
      }),
    );
    const cache = memoryCache();
    const options = { client: new BedrockRuntimeClient({ region: "us-east-1" }), modelId: "model-a", cache };
    await extractWithBedrock(PAGE, "https://example.com/leadership", options);
    const again = await extractWithBedrock(PAGE, "https://example.com/leadership", options);
    expect(again.map((p) => p.name)).toEqual(["Ada Quinlan"]);
    expect(bedrock.commandCalls(ConverseCommand)).toHaveLength(1);
    expect([...cache.store.keys()][0]).toMatch(/^bedrock:model-a:[0-9a-f]{64}$/);
  });

  it("rejects a tool input that does not match the schema", async () => {
    bedrock
      .on(ConverseCommand)
      .resolves(recordedToolResponse({ people: [{ name: "Ada Quinlan", category: "ceo" }] }));
    await expect(
      extractWithBedrock(PAGE, "https://example.com/leadership", {
        client: new BedrockRuntimeClient({ region: "us-east-1" }),
        modelId: "model-a",
      }),
    ).rejects.toBeInstanceOf(BedrockAnswerError);
  });
});
