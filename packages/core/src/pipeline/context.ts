import type { PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { type Environment, readSetting } from "../config/settings";
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

export function pipelineConfigFromEnv(env: Environment = process.env): PipelineConfig {
  return {
    completenessThreshold: readSetting("DOSSIER_COMPLETENESS_THRESHOLD", env),
    runTimeoutMs: readSetting("DOSSIER_RUN_TIMEOUT_SECONDS", env) * 1000,
    announceGraceMs: readSetting("DOSSIER_ANNOUNCE_GRACE_SECONDS", env) * 1000,
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
