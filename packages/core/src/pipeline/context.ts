import type { PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import type { ObjectStore } from "../profile/object-store";
import type { Store } from "../store/service";

/** Settings of the run lifecycle, read once from the environment. */
export interface PipelineConfig {
  /** A run whose completeness reaches this percentage ends as Profile.Completed. */
  completenessThreshold: number;
  /** A run still waiting for a part after this long is ended as Extraction.Failed by the sweep. */
  runTimeoutMs: number;
}

export function pipelineConfigFromEnv(env: Record<string, string | undefined> = process.env): PipelineConfig {
  const threshold = Number(env.DOSSIER_COMPLETENESS_THRESHOLD ?? 95);
  const timeoutSeconds = Number(env.DOSSIER_RUN_TIMEOUT_SECONDS ?? 600);
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
  return { completenessThreshold: threshold, runTimeoutMs: timeoutSeconds * 1000 };
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
