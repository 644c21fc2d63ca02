// Deploy-time settings, read from the shell (or .env) that runs `sst deploy`. Pure: tests and the
// stacks both call it; nothing here touches the SST globals.
import { type Environment, readSetting, SecFairAccessRps, type SettingName } from "@dossier/core/config";
import { DossierError } from "@dossier/events";

/** A deploy-time setting is malformed; the deploy stops before creating anything. */
export class InvalidDeployConfigError extends DossierError {
  constructor(message: string) {
    super(message, { retryable: false });
  }
}

export interface DeployConfig {
  secMaxRps: number;
  cacheTtlSeconds: number;
  completenessThreshold: number;
  runTimeoutSeconds: number;
  /** Bedrock model (or inference profile) id for the leadership fallback; undefined keeps it off. */
  bedrockModel: string | undefined;
  logLevel: "DEBUG" | "INFO" | "WARN" | "ERROR";
  archiveRetentionDays: number;
  /** Address subscribed to the alarm topic; undefined leaves the topic without subscribers. */
  alarmEmail: string | undefined;
}

/**
 * Reads and validates the deploy settings, so a bad value fails `sst deploy` instead of every
 * invocation. Each setting's default and range come from the one settings module the handlers
 * read too.
 */
export function deployConfig(env: Environment = process.env): DeployConfig {
  const read = <Name extends SettingName>(name: Name) => {
    try {
      return readSetting(name, env);
    } catch (error) {
      throw new InvalidDeployConfigError((error as Error).message);
    }
  };
  const secMaxRps = read("DOSSIER_SEC_MAX_RPS");
  // A deployment calls sec.gov itself: never more than SEC's fair-access ceiling.
  if (secMaxRps === "unlimited" || secMaxRps > SecFairAccessRps) {
    throw new InvalidDeployConfigError(
      `DOSSIER_SEC_MAX_RPS: must be above 0 and at most ${SecFairAccessRps} (SEC fair access), got "${env.DOSSIER_SEC_MAX_RPS}"`,
    );
  }
  const logLevel = read("POWERTOOLS_LOG_LEVEL");
  if (logLevel === "SILENT")
    throw new InvalidDeployConfigError(`POWERTOOLS_LOG_LEVEL: SILENT is for local runs only`);
  return {
    secMaxRps,
    cacheTtlSeconds: read("DOSSIER_CACHE_TTL_SECONDS"),
    completenessThreshold: read("DOSSIER_COMPLETENESS_THRESHOLD"),
    runTimeoutSeconds: read("DOSSIER_RUN_TIMEOUT_SECONDS"),
    bedrockModel: read("DOSSIER_BEDROCK_MODEL"),
    logLevel,
    archiveRetentionDays: read("DOSSIER_ARCHIVE_RETENTION_DAYS"),
    alarmEmail: read("DOSSIER_ALARM_EMAIL"),
  };
}

/** Powertools service name of a stage: the `service` dimension of every metric, which the alarms filter on. */
export function serviceName(stage: string): string {
  return `dossier-${stage}`;
}

/** Powertools metrics namespace shared by every stage; stages differ by the `service` dimension. */
export const MetricsNamespace = "dossier";

/** The environment every function gets. The SEC User-Agent comes from the `SecUserAgent` secret. */
export function functionEnvironment<Secret = string>(
  config: DeployConfig,
  stage: string,
  secUserAgent: Secret,
): Record<string, string | Secret> {
  return {
    DOSSIER_SEC_USER_AGENT: secUserAgent,
    DOSSIER_SEC_MAX_RPS: String(config.secMaxRps),
    DOSSIER_CACHE_TTL_SECONDS: String(config.cacheTtlSeconds),
    DOSSIER_COMPLETENESS_THRESHOLD: String(config.completenessThreshold),
    DOSSIER_RUN_TIMEOUT_SECONDS: String(config.runTimeoutSeconds),
    ...(config.bedrockModel ? { DOSSIER_BEDROCK_MODEL: config.bedrockModel } : {}),
    POWERTOOLS_SERVICE_NAME: serviceName(stage),
    POWERTOOLS_METRICS_NAMESPACE: MetricsNamespace,
    POWERTOOLS_LOG_LEVEL: config.logLevel,
  };
}
