import { type GlobalIndexName, tableDesign, tableKeyAttributes } from "@dossier/core/store";

/**
 * The arguments `sst.aws.Dynamo` takes, derived from {@link tableDesign}.
 *
 * @example
 * new sst.aws.Dynamo("Table", { ...sstDynamoArgs, transform: { table: { pointInTimeRecovery: { enabled: true } } } });
 */
export const sstDynamoArgs = {
  fields: Object.fromEntries(tableKeyAttributes.map((name) => [name, "string" as const])) as Record<
    (typeof tableKeyAttributes)[number],
    "string"
  >,
  primaryIndex: { ...tableDesign.primaryIndex },
  globalIndexes: Object.fromEntries(
    Object.entries(tableDesign.globalIndexes).map(([name, index]) => [
      name,
      { ...index, projection: "all" as const },
    ]),
  ) as Record<GlobalIndexName, { hashKey: string; rangeKey: string; projection: "all" }>,
  ttl: tableDesign.ttlAttribute,
};
