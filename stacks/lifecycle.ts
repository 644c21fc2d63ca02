// The bucket's lifecycle as plain data (S3 lifecycle rule fields in Pulumi's casing). No SST globals.

/**
 * S3 lifecycle filters take a literal prefix, not `profiles/*\/runs/`, and a prefix of
 * `profiles/` would also archive `latest.json`, which GLACIER makes unreadable without a
 * restore. Run history is therefore selected by prefix and this object tag, which writers set
 * on `profiles/{companyId}/runs/...` documents.
 */
export const RunHistoryTag = { key: "dossier-history", value: "run" } as const;

/** Days after which run history moves to Standard-IA, then to Glacier Flexible Retrieval. */
export const RunHistoryTransitions = { infrequentAccessAfterDays: 30, archiveAfterDays: 90 } as const;

/**
 * The lifecycle rules of the profiles bucket. S3 by default does not transition objects under
 * 128 KB (they would cost more in IA/Glacier than in Standard), so small run documents stay put.
 */
export function bucketLifecycleRules() {
  return [
    {
      id: "run-history-to-archive",
      status: "Enabled",
      filter: { and: { prefix: "profiles/", tags: { [RunHistoryTag.key]: RunHistoryTag.value } } },
      transitions: [
        { days: RunHistoryTransitions.infrequentAccessAfterDays, storageClass: "STANDARD_IA" },
        { days: RunHistoryTransitions.archiveAfterDays, storageClass: "GLACIER" },
      ],
    },
    {
      id: "abort-incomplete-uploads",
      status: "Enabled",
      filter: { prefix: "" },
      abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    },
  ];
}
