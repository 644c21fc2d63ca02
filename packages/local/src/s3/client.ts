import { S3Client } from "@aws-sdk/client-s3";

/**
 * An S3 client for the local object store at `endpoint`: path-style addressing, s3rver's own
 * credentials, and checksums only where S3 requires them (s3rver does not speak the newer ones).
 */
export function createLocalS3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}
