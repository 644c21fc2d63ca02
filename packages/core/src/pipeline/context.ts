import type { PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import type { ObjectStore } from "../profile/object-store";
import type { Store } from "../store/service";

/** Settings of the run lifecycle, read once from the environment. */
export interface PipelineConfig {
  /** A run whose completeness reaches this percentage ends as Profile.Completed. */
  completenessThreshold: number;
  /** A run still waiting for a part after this long is ended as Extraction.Failed by the sweep. */
  runTimeoutMs: number;
  /**
   * A run that ended this long ago without its terminal event being recorded as out gets it
   * published by the sweep; until then, whoever claimed it may still be publishing.
   */
  announceGraceMs: number;
}

export function pipelineConfigFromEnv(env: Record<string, string | undefined> = process.env): PipelineConfig {
  const threshold = Number(env.DOSSIER_COMPLETENESS_THRESHOLD ?? 95);
  const timeoutSeconds = Number(env.DOSSIER_RUN_TIMEOUT_SECONDS ?? 600);
  const graceSeconds = Number(env.DOSSIER_ANNOUNCE_GRACE_SECONDS ?? 60);
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 100) {
    throw new RangeError(
      `DOSSIER_COMPLETENESS_THRESHOLD must be 0–100, got ${env.DOSSIER_COMPLETENESS_THRESHOLD}`,
    );
  }
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new RangeError(
      `DOSSIER_RUN_TIMEOUT_SECONDS must be a positive number, got ${env.DOSSIER_RUN_TIMEOUT_SECONDS}`,
    );
  }
  if (!Number.isFinite(graceSeconds) || graceSeconds < 0) {
    throw new RangeError(
      `DOSSIER_ANNOUNCE_GRACE_SECONDS must be zero or more, got ${env.DOSSIER_ANNOUNCE_GRACE_SECONDS}`,
    );
  }
  return {
    completenessThreshold: threshold,
    runTimeoutMs: timeoutSeconds * 1000,
    announceGraceMs: graceSeconds * 1000,
  };
}

/** Everything the run lifecycle touches, injected so handlers, the local runtime and tests share it. */
export interface PipelineContext {
  store: Store;
  objects: ObjectStore;
  /** Publishes to the bus; throws when an entry is rejected. */
  publish: (entries: PutEventsRequestEntry[]) => Promise<void>;
  busName: string;
  now: () => Date;
  config: PipelineConfig;
}
