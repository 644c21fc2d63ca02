import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";

// Service name and namespace come from POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE,
// which the stacks set per function; these defaults apply when they are absent (tests).
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "dossier" });
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? "dossier",
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "dossier",
});
// X-Ray tracing only exists in Lambda. The tracer's SDK installs async hooks for its context on
// import, which cost the embedded runtime (everything in one process) a few percent of CPU, so
// it is loaded only where it records anything.
const tracer = process.env.AWS_LAMBDA_FUNCTION_NAME
  ? new (await import("@aws-lambda-powertools/tracer")).Tracer({
      serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "dossier",
    })
  : undefined;

/** Traces an AWS SDK v3 client's calls (subsegments per call) when running in Lambda. */
export function traced<Client>(client: Client): Client {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}
