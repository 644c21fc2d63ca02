export { createLocalS3Client } from "./client";
export { type LocalS3, type LocalS3Options, startLocalS3 } from "./local-s3.mjs";
