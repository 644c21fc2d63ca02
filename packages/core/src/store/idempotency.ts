import { DeleteCommand, type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { tableDesign } from "./table";

/**
 * Options for Powertools' `DynamoDBPersistenceLayer` (2.35) so idempotency records share the
 * dossier table: all of them in the partition `pk = "idempotency"`, keyed by `sk`, expiring
 * through the table's TTL attribute. ElectroDB keys start with `$dossier`, so they never meet.
 *
 * @example
 * new DynamoDBPersistenceLayer({ ...idempotencyTableConfig, tableName: Resource.Table.name });
 */
export const idempotencyTableConfig = {
  keyAttr: tableDesign.primaryIndex.hashKey,
  sortKeyAttr: tableDesign.primaryIndex.rangeKey,
  staticPkValue: "idempotency",
  expiryAttr: tableDesign.ttlAttribute,
  inProgressExpiryAttr: "inProgressExpiresAt",
  statusAttr: "idempotencyStatus",
  dataAttr: "responseData",
  validationKeyAttr: "validation",
} as const;

/**
 * Deletes the idempotency records still marked in progress. Only for a table one process owns
 * (the embedded runtime holds its home's lock): a record in progress there belongs to an
 * invocation of a process that is gone, and would otherwise hold its run back until it expires.
 * Returns how many were released.
 */
export async function releaseInProgressIdempotency(
  client: DynamoDBDocumentClient,
  tableName: string,
): Promise<number> {
  const { keyAttr, sortKeyAttr, staticPkValue, statusAttr } = idempotencyTableConfig;
  let released = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "#pk = :pk",
        FilterExpression: "#status = :inProgress",
        ExpressionAttributeNames: { "#pk": keyAttr, "#status": statusAttr },
        ExpressionAttributeValues: { ":pk": staticPkValue, ":inProgress": "INPROGRESS" },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      await client.send(
        new DeleteCommand({
          TableName: tableName,
          Key: { [keyAttr]: item[keyAttr], [sortKeyAttr]: item[sortKeyAttr] },
          ConditionExpression: "#status = :inProgress",
          ExpressionAttributeNames: { "#status": statusAttr },
          ExpressionAttributeValues: { ":inProgress": "INPROGRESS" },
        }),
      );
      released += 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return released;
}
