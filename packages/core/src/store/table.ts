import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * THE table: one DynamoDB table for every entity, generic key names so ElectroDB owns the
 * key formats and new access patterns need no migration. Stacks, the local runtime and
 * tests all read this object, so the deployed and the local table cannot drift apart.
 */
export const tableDesign = {
  primaryIndex: { hashKey: "pk", rangeKey: "sk" },
  globalIndexes: {
    gsi1: { hashKey: "gsi1pk", rangeKey: "gsi1sk" },
    gsi2: { hashKey: "gsi2pk", rangeKey: "gsi2sk" },
  },
  /** Epoch seconds; DynamoDB deletes expired items within days, so reads must still check it. */
  ttlAttribute: "expiresAt",
} as const;

export type GlobalIndexName = keyof typeof tableDesign.globalIndexes;

/** Every key attribute of the table and its indexes (all strings). */
export const tableKeyAttributes = [
  tableDesign.primaryIndex.hashKey,
  tableDesign.primaryIndex.rangeKey,
  ...Object.values(tableDesign.globalIndexes).flatMap((index) => [index.hashKey, index.rangeKey]),
];

/** A `CreateTable` request (on-demand billing) for `@aws-sdk/client-dynamodb`, used by the local runtime and tests. */
export function toCreateTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: tableKeyAttributes.map((name) => ({ AttributeName: name, AttributeType: "S" })),
    KeySchema: [
      { AttributeName: tableDesign.primaryIndex.hashKey, KeyType: "HASH" },
      { AttributeName: tableDesign.primaryIndex.rangeKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: Object.entries(tableDesign.globalIndexes).map(([name, index]) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: index.hashKey, KeyType: "HASH" },
        { AttributeName: index.rangeKey, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    })),
  };
}
