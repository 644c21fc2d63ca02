// The bucket's lifecycle as plain data (S3 lifecycle rule fields in Pulumi's casing). No SST globals.

import { RunHistoryTag } from "@dossier/core/profile";

export { RunHistoryTag };

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
      // A day's copy of SEC's ticker list is read that day only; a week keeps the fallback for a late fetch.
      id: "expire-ticker-list-copies",
      status: "Enabled",
      filter: { prefix: "sec/company-tickers/" },
      expiration: { days: 7 },
    },
    {
      id: "abort-incomplete-uploads",
      status: "Enabled",
      filter: { prefix: "" },
      abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    },
  ];
}
