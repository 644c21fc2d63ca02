import { readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "@dossier/events";
import { describe, expect, it } from "vitest";
import { secRequestsPerSecond } from "./sec";
import { readSetting, Settings, settingsTable } from "./settings";

describe("settings", () => {
  it("applies each setting's default when it is unset or blank", () => {
    expect(readSetting("DOSSIER_CACHE_TTL_SECONDS", {})).toBe(86_400);
    expect(readSetting("DOSSIER_CACHE_TTL_SECONDS", { DOSSIER_CACHE_TTL_SECONDS: " " })).toBe(86_400);
    expect(readSetting("DOSSIER_ALLOW_PRIVATE_NETWORK", {})).toBe(false);
    expect(readSetting("DOSSIER_BEDROCK_MODEL", {})).toBeUndefined();
    expect(readSetting("POWERTOOLS_LOG_LEVEL", { POWERTOOLS_LOG_LEVEL: "debug" })).toBe("DEBUG");
  });

  it.each([
    [
      "DOSSIER_CACHE_TTL_SECONDS",
      "-1",
      /DOSSIER_CACHE_TTL_SECONDS: must be a non-negative number of seconds, got "-1"/,
    ],
    ["DOSSIER_CACHE_TTL_SECONDS", "a day", /must be a non-negative number of seconds, got "a day"/],
    ["DOSSIER_COMPLETENESS_THRESHOLD", "101", /must be a percentage from 0 to 100/],
    ["DOSSIER_RUN_TIMEOUT_SECONDS", "0", /must be a positive number of seconds/],
    ["DOSSIER_SEC_MAX_RPS", "fast", /must be a number above 0, or unlimited/],
    ["DOSSIER_ALLOW_PRIVATE_NETWORK", "yes", /must be "1" \(allow\) or "0"/],
    ["DOSSIER_ALARM_EMAIL", "ops", /must be an email address/],
    ["DOSSIER_SEC_DATA_URL", "data.sec.gov", /DOSSIER_SEC_DATA_URL/],
  ] as const)("refuses %s=%s naming the setting, the rule and the value", (name, value, message) => {
    expect(() => readSetting(name, { [name]: value })).toThrow(ConfigError);
    expect(() => readSetting(name, { [name]: value })).toThrow(message);
  });

  it("caps the SEC rate at fair access against sec.gov, not against another server", () => {
    expect(secRequestsPerSecond({})).toBe(10);
    expect(() => secRequestsPerSecond({ DOSSIER_SEC_MAX_RPS: "11" })).toThrow(
      /at most 10 when calling sec\.gov/,
    );
    expect(() => secRequestsPerSecond({ DOSSIER_SEC_MAX_RPS: "unlimited" })).toThrow(ConfigError);
    const fixture = { DOSSIER_SEC_DATA_URL: "http://127.0.0.1:9", DOSSIER_SEC_WWW_URL: "http://127.0.0.1:9" };
    expect(secRequestsPerSecond({ ...fixture, DOSSIER_SEC_MAX_RPS: "500" })).toBe(500);
    expect(secRequestsPerSecond({ ...fixture, DOSSIER_SEC_MAX_RPS: "unlimited" })).toBe("unlimited");
  });

  it("documents every setting in docs/configuration.md as the module defines it", () => {
    const page = readFileSync(path.join(import.meta.dirname, "../../../../docs/configuration.md"), "utf8");
    expect(page, "run `npm run docs:settings` to regenerate the table").toContain(settingsTable());
    expect(settingsTable().split("\n")).toHaveLength(Object.keys(Settings).length + 2);
  });
});
