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
