import { tableDesign, toCreateTableInput } from "@dossier/core/store";
import { describe, expect, it } from "vitest";
import { sstDynamoArgs } from "../../stacks/table-args";

describe("table design", () => {
  it("declares every key attribute of every index as a string, for both SST and the SDK", () => {
    const input = toCreateTableInput("dossier-test");
    const declared = input.AttributeDefinitions?.map((definition) => definition.AttributeName).sort();
    const used = [
      ...(input.KeySchema ?? []),
      ...(input.GlobalSecondaryIndexes ?? []).flatMap((index) => index.KeySchema ?? []),
    ]
      .map((key) => key.AttributeName)
      .sort();

    expect(declared).toEqual(used);
    expect(input.AttributeDefinitions?.every((definition) => definition.AttributeType === "S")).toBe(true);
    expect(Object.keys(sstDynamoArgs.fields).sort()).toEqual(used);
  });

  it("describes the same indexes to SST as to CreateTable", () => {
    const input = toCreateTableInput("dossier-test");

    expect(sstDynamoArgs.primaryIndex).toEqual({ hashKey: "pk", rangeKey: "sk" });
    expect(
      input.GlobalSecondaryIndexes?.map((index) => ({
        name: index.IndexName,
        hashKey: index.KeySchema?.[0]?.AttributeName,
        rangeKey: index.KeySchema?.[1]?.AttributeName,
      })),
    ).toEqual(
      Object.entries(sstDynamoArgs.globalIndexes).map(([name, index]) => ({
        name,
        hashKey: index.hashKey,
        rangeKey: index.rangeKey,
      })),
    );
    expect(sstDynamoArgs.ttl).toBe("expiresAt");
    expect(input.BillingMode).toBe("PAY_PER_REQUEST");
    expect(tableDesign.globalIndexes.gsi1).toEqual({ hashKey: "gsi1pk", rangeKey: "gsi1sk" });
  });
});
