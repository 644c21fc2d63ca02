// Deploy-time settings, read from the shell (or .env) that runs `sst deploy`. Pure: tests and the
// stacks both call it; nothing here touches the SST globals.
import { pipelineConfigFromEnv } from "@dossier/core/pipeline";
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

const LOG_LEVELS = ["DEBUG", "INFO", "WARN", "ERROR"] as const;

function numberSetting(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  valid: (n: number) => boolean,
  rule: string,
): number {
  const raw = env[name]?.trim();
  const value = raw ? Number(raw) : fallback;
  if (!Number.isFinite(value) || !valid(value)) {
    throw new InvalidDeployConfigError(`${name} must be ${rule}, got "${raw}"`);
  }
  return value;
}

/**
 * Reads and validates the deploy settings, so a bad value fails `sst deploy` instead of every
 * invocation. Defaults match the handlers' own.
 */
export function deployConfig(env: Record<string, string | undefined> = process.env): DeployConfig {
  let pipeline: ReturnType<typeof pipelineConfigFromEnv>;
  try {
    pipeline = pipelineConfigFromEnv(env);
  } catch (error) {
    throw new InvalidDeployConfigError((error as Error).message);
  }
  const logLevel = (env.POWERTOOLS_LOG_LEVEL?.trim() || "INFO").toUpperCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new InvalidDeployConfigError(
      `POWERTOOLS_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${logLevel}"`,
    );
  }
  return {
    secMaxRps: numberSetting(
      env,
      "DOSSIER_SEC_MAX_RPS",
      10,
      (n) => n > 0 && n <= 10,
      "above 0 and at most 10 (SEC fair access)",
    ),
    cacheTtlSeconds: numberSetting(
      env,
      "DOSSIER_CACHE_TTL_SECONDS",
      86_400,
      (n) => n >= 0,
      "a non-negative number of seconds",
    ),
    completenessThreshold: pipeline.completenessThreshold,
    runTimeoutSeconds: pipeline.runTimeoutMs / 1000,
    bedrockModel: env.DOSSIER_BEDROCK_MODEL?.trim() || undefined,
    logLevel: logLevel as DeployConfig["logLevel"],
    archiveRetentionDays: numberSetting(
      env,
      "DOSSIER_ARCHIVE_RETENTION_DAYS",
      30,
      (n) => Number.isInteger(n) && n >= 0,
      "a whole number of days (0 keeps events forever)",
    ),
    alarmEmail: env.DOSSIER_ALARM_EMAIL?.trim() || undefined,
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
