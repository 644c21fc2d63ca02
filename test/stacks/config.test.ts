import { ProfileKeys } from "@dossier/core/profile";
import { describe, expect, it } from "vitest";
import {
  deployConfig,
  functionEnvironment,
  InvalidDeployConfigError,
  MetricsNamespace,
  serviceName,
} from "../../stacks/config";
import { bucketLifecycleRules, RunHistoryTag } from "../../stacks/lifecycle";

describe("deployConfig", () => {
  it("defaults to the handlers' own settings and a 30-day archive", () => {
    expect(deployConfig({})).toEqual({
      secMaxRps: 10,
      cacheTtlSeconds: 86_400,
      completenessThreshold: 95,
      runTimeoutSeconds: 600,
      bedrockModel: undefined,
      logLevel: "INFO",
      archiveRetentionDays: 30,
      alarmEmail: undefined,
    });
  });

  it("reads every setting from the deploying shell", () => {
    const config = deployConfig({
      DOSSIER_SEC_MAX_RPS: "4",
      DOSSIER_CACHE_TTL_SECONDS: "3600",
      DOSSIER_COMPLETENESS_THRESHOLD: "90",
      DOSSIER_RUN_TIMEOUT_SECONDS: "300",
      DOSSIER_BEDROCK_MODEL: "amazon.nova-lite-v1:0",
      POWERTOOLS_LOG_LEVEL: "debug",
      DOSSIER_ARCHIVE_RETENTION_DAYS: "7",
      DOSSIER_ALARM_EMAIL: "ops@example.com",
    });
    expect(config).toMatchObject({
      secMaxRps: 4,
      cacheTtlSeconds: 3600,
      completenessThreshold: 90,
      runTimeoutSeconds: 300,
      bedrockModel: "amazon.nova-lite-v1:0",
      logLevel: "DEBUG",
      archiveRetentionDays: 7,
      alarmEmail: "ops@example.com",
    });
  });

  it.each([
    ["DOSSIER_SEC_MAX_RPS", "11"],
    ["DOSSIER_CACHE_TTL_SECONDS", "-1"],
    ["DOSSIER_COMPLETENESS_THRESHOLD", "101"],
    ["DOSSIER_RUN_TIMEOUT_SECONDS", "0"],
    ["DOSSIER_ARCHIVE_RETENTION_DAYS", "1.5"],
    ["POWERTOOLS_LOG_LEVEL", "LOUD"],
  ])("refuses %s=%s before anything is deployed", (name, value) => {
    expect(() => deployConfig({ [name]: value })).toThrow(InvalidDeployConfigError);
    expect(() => deployConfig({ [name]: value })).toThrow(name);
  });
});

describe("functionEnvironment", () => {
  it("sets every variable the handlers read, with the stage as the Powertools service", () => {
    const environment = functionEnvironment(deployConfig({}), "prod", "Jane Doe jane@example.com");
    expect(environment).toEqual({
      DOSSIER_SEC_USER_AGENT: "Jane Doe jane@example.com",
      DOSSIER_SEC_MAX_RPS: "10",
      DOSSIER_CACHE_TTL_SECONDS: "86400",
      DOSSIER_COMPLETENESS_THRESHOLD: "95",
      DOSSIER_RUN_TIMEOUT_SECONDS: "600",
      POWERTOOLS_SERVICE_NAME: serviceName("prod"),
      POWERTOOLS_METRICS_NAMESPACE: MetricsNamespace,
      POWERTOOLS_LOG_LEVEL: "INFO",
    });
  });

  it("passes the Bedrock model only when one is configured", () => {
    const environment = functionEnvironment(deployConfig({ DOSSIER_BEDROCK_MODEL: "m" }), "dev", "ua");
    expect(environment.DOSSIER_BEDROCK_MODEL).toBe("m");
  });
});

describe("bucket lifecycle", () => {
  const [history] = bucketLifecycleRules();

  it("moves tagged run history to infrequent access after 30 days and to archive after 90", () => {
    expect(history?.transitions).toEqual([
      { days: 30, storageClass: "STANDARD_IA" },
      { days: 90, storageClass: "GLACIER" },
    ]);
    expect(history?.filter).toEqual({
      and: { prefix: "profiles/", tags: { [RunHistoryTag.key]: RunHistoryTag.value } },
    });
  });

  it("selects run documents by a prefix they share with latest.json, so only the tag keeps latest.json readable", () => {
    const filter = history?.filter as { and?: { prefix: string } } | undefined;
    const prefix = filter?.and?.prefix ?? "<no prefix>";
    expect(ProfileKeys.part("cik-0000320193", "run_1", "sec").startsWith(prefix)).toBe(true);
    expect(ProfileKeys.profile("cik-0000320193", "run_1").startsWith(prefix)).toBe(true);
    expect(ProfileKeys.latest("cik-0000320193").startsWith(prefix)).toBe(true);
  });
});
