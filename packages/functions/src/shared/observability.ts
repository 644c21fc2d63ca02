import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";

// Service name and namespace come from POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE,
// which the stacks set per function; these defaults apply when they are absent (tests).
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "dossier" });
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? "dossier",
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "dossier",
});
export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "dossier" });
