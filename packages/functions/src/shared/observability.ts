import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { readSetting } from "@dossier/core/config";

// Service name and namespace come from POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE,
// which the stacks set per function; the settings module's defaults apply when they are absent.
const serviceName = readSetting("POWERTOOLS_SERVICE_NAME");
export const logger = new Logger({ serviceName });
export const metrics = new Metrics({ namespace: readSetting("POWERTOOLS_METRICS_NAMESPACE"), serviceName });
// X-Ray tracing only exists in Lambda. The tracer's SDK installs async hooks for its context on
// import, which cost the embedded runtime (everything in one process) a few percent of CPU, so
// it is loaded only where it records anything.
const tracer = process.env.AWS_LAMBDA_FUNCTION_NAME
  ? new (await import("@aws-lambda-powertools/tracer")).Tracer({
      serviceName,
    })
  : undefined;

/** Traces an AWS SDK v3 client's calls (subsegments per call) when running in Lambda. */
export function traced<Client>(client: Client): Client {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}
