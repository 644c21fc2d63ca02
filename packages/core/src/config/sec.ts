import { ConfigError } from "@dossier/events";
import { type Environment, readSetting } from "./settings";

/** SEC's fair-access ceiling, requests per second over every worker together. */
export const SecFairAccessRps = 10;

/**
 * The SEC request rate every worker shares: DOSSIER_SEC_MAX_RPS, at most SEC's 10/s against
 * sec.gov; only another server (a fixture server for tests and benchmarks) may take more, or
 * `unlimited`, which skips the shared token bucket.
 */
export function secRequestsPerSecond(env: Environment = process.env): number | "unlimited" {
  const rate = readSetting("DOSSIER_SEC_MAX_RPS", env);
  const callsSec = [readSetting("DOSSIER_SEC_DATA_URL", env), readSetting("DOSSIER_SEC_WWW_URL", env)].some(
    (url) => /(^|\.)sec\.gov$/i.test(new URL(url).hostname),
  );
  if (callsSec && (rate === "unlimited" || rate > SecFairAccessRps)) {
    throw new ConfigError(
      "DOSSIER_SEC_MAX_RPS",
      `must be above 0 and at most ${SecFairAccessRps} when calling sec.gov (fair access), got "${env.DOSSIER_SEC_MAX_RPS}"`,
    );
  }
  return rate;
}
