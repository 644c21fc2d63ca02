import { bucketLifecycleRules } from "./lifecycle";
import { sstDynamoArgs } from "./table-args";

/**
 * THE table (runs, batches, cache, circuits, rate buckets, idempotency), from the shared design:
 * on-demand, TTL on `expiresAt`, point-in-time recovery (SST's default), encrypted at rest by DynamoDB.
 */
export const table = new sst.aws.Dynamo("Table", sstDynamoArgs);

/** Profiles, run history and batch pages. Private and TLS-only (SST adds the deny-insecure-transport policy). */
export const bucket = new sst.aws.Bucket("Bucket", {
  transform: {
    // Stated, not inherited: the bucket must stay private even if `access` is ever set.
    publicAccessBlock: (args) => {
      args.blockPublicAcls = true;
      args.blockPublicPolicy = true;
      args.ignorePublicAcls = true;
      args.restrictPublicBuckets = true;
    },
  },
});

/** SSE-S3 with a bucket key, stated explicitly rather than relying on the account default. */
export const bucketEncryption = new aws.s3.BucketServerSideEncryptionConfiguration("BucketEncryption", {
  bucket: bucket.name,
  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }],
});

/** Run history to infrequent access, then archive (see ./lifecycle for why it is tag-selected). */
export const bucketLifecycle = new aws.s3.BucketLifecycleConfiguration("BucketLifecycle", {
  bucket: bucket.name,
  rules: bucketLifecycleRules(),
});
